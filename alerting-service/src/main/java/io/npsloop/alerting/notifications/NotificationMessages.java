package io.npsloop.alerting.notifications;

import io.npsloop.contracts.DetractorAlertRaised;

/**
 * The human-readable text of an alert for chat and email. It names the customer by id and leaves
 * out contact details: chat channels are wider audiences than the follow-up queue.
 */
public final class NotificationMessages {

    private NotificationMessages() {
    }

    public static String subject(DetractorAlertRaised alert) {
        return "[" + alert.severity() + "] NPS alert: customer " + alert.customerId() + " answered " + alert.score();
    }

    public static String text(DetractorAlertRaised alert) {
        StringBuilder text = new StringBuilder()
                .append(subject(alert)).append('\n')
                .append("Queue: ").append(alert.ownerQueue()).append('\n')
                .append("First contact due: ").append(alert.slaDueAt()).append('\n')
                .append("Rules: ").append(String.join(", ", alert.matchedRules())).append('\n');
        if (alert.touchpoint() != null) {
            text.append("Touchpoint: ").append(alert.touchpoint()).append('\n');
        }
        text.append("Comment: ").append(alert.comment() == null || alert.comment().isBlank() ? "(none)" : alert.comment())
                .append('\n')
                .append("Alert: ").append(alert.alertId());
        return text.toString();
    }
}
