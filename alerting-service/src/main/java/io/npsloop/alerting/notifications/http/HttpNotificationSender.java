package io.npsloop.alerting.notifications.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationMessages;
import io.npsloop.alerting.notifications.NotificationSender;
import io.npsloop.alerting.notifications.OutboundUrlPolicy;
import io.npsloop.alerting.notifications.WebhookSignature;
import io.npsloop.alerting.rules.NotificationTarget.Channel;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts alerts to generic webhooks (signed in the Standard Webhooks style) and Slack-compatible
 * incoming webhooks. The URL is checked by the {@link OutboundUrlPolicy} before each attempt, and
 * the client resolves host names only through that policy's resolver, so it connects to the very
 * addresses that were checked (no second lookup an attacker's DNS could answer differently).
 * Redirects are never followed, and the client uses no proxy.
 */
public class HttpNotificationSender implements NotificationSender, AutoCloseable {

    private final OutboundUrlPolicy policy;
    private final @Nullable WebhookSignature signature;
    private final JsonMapper json;
    private final Clock clock;
    private final CloseableHttpClient client;

    public HttpNotificationSender(OutboundUrlPolicy policy, @Nullable WebhookSignature signature, JsonMapper json,
            Duration connectTimeout, Duration responseTimeout, Clock clock) {
        this.policy = policy;
        this.signature = signature;
        this.json = json;
        this.clock = clock;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDnsResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    @Override
    public Outcome send(Notification notification) throws IOException {
        String url = notification.target().address();
        String problem = policy.problem(url);
        if (problem != null) {
            return Outcome.refused("refused URL: " + problem);
        }
        HttpPost post = new HttpPost(URI.create(url));
        String body;
        if (notification.target().channel() == Channel.SLACK) {
            body = json.writeValueAsString(slackMessage(notification));
        } else {
            if (signature == null) {
                return Outcome.refused("no webhook signing secret is configured");
            }
            long timestamp = clock.instant().getEpochSecond();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", notification.alert().eventType());
            payload.put("timestamp", notification.alert().raisedAt().toString());
            payload.put("data", notification.alert());
            body = json.writeValueAsString(payload);
            post.setHeader("webhook-id", notification.id());
            post.setHeader("webhook-timestamp", Long.toString(timestamp));
            post.setHeader("webhook-signature", signature.sign(notification.id(), timestamp, body));
        }
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        try {
            return client.execute(post, response -> {
                int status = response.getCode();
                if (response.getEntity() != null) {
                    EntityUtils.consume(response.getEntity());
                }
                if (status >= 200 && status < 300) {
                    return Outcome.delivered("HTTP " + status);
                }
                if (status >= 300 && status < 400) {
                    return Outcome.refused("HTTP " + status + ": redirects are not followed");
                }
                if (status >= 500 || status == 408 || status == 429) {
                    return Outcome.failed("HTTP " + status);
                }
                return Outcome.refused("HTTP " + status);
            });
        } catch (OutboundUrlPolicy.RefusedHostException e) {
            return Outcome.refused("refused address: " + e.getMessage());
        }
    }

    private static Map<String, Object> slackMessage(Notification notification) {
        String text = NotificationMessages.text(notification.alert());
        return Map.of("text", text,
                "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text))));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Resolves through the policy, which refuses hosts with any non-public address. */
    private record CheckedDnsResolver(OutboundUrlPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.resolve(host).toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            resolve(host);
            return host;
        }
    }
}
