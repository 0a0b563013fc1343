package io.npsloop.followup;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the closed loop: a follow-up case per alert, worked by agents until the customer answers again. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FollowupServiceApplication {

    public static final String NAME = "followup-service";

    /** Loads the shared settings, then this service's own {@code followup-service.yml}. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(FollowupServiceApplication.class)
                .properties("spring.config.name=nps-platform," + NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
