package io.npsloop.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The front door: validates survey responses from other systems and publishes them on {@code nps.responses.v1}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SurveyIngestApplication {

    public static final String NAME = "survey-ingest";

    /** Loads the shared settings, then this service's own {@code survey-ingest.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SurveyIngestApplication.class)
                .properties("spring.config.name=nps-platform," + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
