package io.npsloop.alerting;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Evaluates alert rules on scored responses and raises alerts that route unhappy customers to an owner. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlertingServiceApplication {

    public static final String NAME = "alerting-service";

    /** Loads the shared settings, then this service's own {@code alerting-service.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AlertingServiceApplication.class)
                .properties("spring.config.name=nps-platform," + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
