package io.npsloop.reporting;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Builds the management views from the pipeline's events: NPS with its uncertainty, and the follow-up work. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportingServiceApplication {

    public static final String NAME = "reporting-service";

    /** Loads the shared settings, then this service's own {@code reporting-service.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ReportingServiceApplication.class)
                .properties("spring.config.name=nps-platform," + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
