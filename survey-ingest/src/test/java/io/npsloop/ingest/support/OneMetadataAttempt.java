package io.npsloop.ingest.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.stream.binder.kafka.provisioning.KafkaTopicProvisioner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * For a service started with no broker on purpose: the Kafka binder looks a topic's partitions up
 * once instead of ten times with back-off (most of a minute per binding with nothing listening).
 * The binder has an application context of its own, so this is added to that one:
 * {@code spring.cloud.stream.binders.kafka.environment.spring.main.sources=} this class. Not annotated
 * {@code @Configuration}, so the application's component scan does not put it in the service's own context.
 */
public class OneMetadataAttempt {

    /** The arguments that give the binder's context this configuration. */
    public static final String[] ARGUMENTS = {
            "--spring.cloud.stream.binders.kafka.type=kafka",
            "--spring.cloud.stream.binders.kafka.environment.spring.main.sources=io.npsloop.ingest.support.OneMetadataAttempt"};

    @Bean
    static BeanPostProcessor singleMetadataLookup() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof KafkaTopicProvisioner provisioner) {
                    provisioner.setMetadataRetryOperations(new RetryTemplate(RetryPolicy.builder().maxRetries(0).build()));
                }
                return bean;
            }
        };
    }
}
