package io.npsloop.scoring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Classifies responses, keeps exact per-segment daily tallies and publishes scored responses and NPS figures. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScoringServiceApplication {

    public static final String NAME = "scoring-service";

    /** Loads the shared settings, then this service's own {@code scoring-service.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ScoringServiceApplication.class)
                .properties("spring.config.name=nps-platform," + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
