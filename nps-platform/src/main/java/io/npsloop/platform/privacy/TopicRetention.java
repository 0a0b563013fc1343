package io.npsloop.platform.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.npsloop.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Bounded retention on the topics that carry personal data, and on their dead-letter topics: an
 * erased customer's records leave Kafka when their retention ends. Set at every start, on the
 * topics that exist by then (this service's bindings have created theirs), so topics created
 * before the setting, or by another tool, are brought in line too. A failure is logged and
 * retried at the next start; it never delays or stops the service.
 */
public class TopicRetention {

    private static final Logger log = LoggerFactory.getLogger(TopicRetention.class);

    private final String bootstrapServers;
    private final List<String> topics;
    private final Duration retention;

    public TopicRetention(String bootstrapServers, Collection<String> personalDataTopics, Duration retention) {
        this.bootstrapServers = bootstrapServers;
        this.topics = new ArrayList<>();
        personalDataTopics.forEach(topic -> {
            topics.add(topic);
            topics.add(Topics.deadLetter(topic));
        });
        this.retention = retention;
    }

    /** In the background: a broker that is down must not hold up the start. */
    @EventListener(ApplicationReadyEvent.class)
    public void applyInBackground() {
        Thread worker = new Thread(this::apply, "topic-retention");
        worker.setDaemon(true);
        worker.start();
    }

    public void apply() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
            AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())),
                    AlterConfigOp.OpType.SET);
            topics.stream().filter(existing::contains)
                    .forEach(topic -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(set)));
            admin.incrementalAlterConfigs(changes).all().get(15, TimeUnit.SECONDS);
            log.info("Retention {} set on {} topics with personal data", retention, changes.size());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Could not set the retention of the topics with personal data; next start tries again", e);
        }
    }
}
