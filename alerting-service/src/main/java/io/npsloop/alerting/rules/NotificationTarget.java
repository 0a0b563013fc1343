package io.npsloop.alerting.rules;

/**
 * Where a notification goes: a name (shown on the alert, never the address), the channel, and
 * the address (an https URL for webhooks and Slack, an email address for email).
 */
public record NotificationTarget(String name, Channel channel, String address) {

    /** The ways an alert can be sent. */
    public enum Channel {
        /** A JSON POST signed in the Standard Webhooks style. */
        WEBHOOK,
        /** A Slack-compatible incoming webhook ({@code {"text": ...}}). */
        SLACK,
        /** An email through the configured SMTP server. */
        EMAIL
    }

    /** The label recorded on the alert, such as {@code webhook:ops}. */
    public String label() {
        return channel.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
