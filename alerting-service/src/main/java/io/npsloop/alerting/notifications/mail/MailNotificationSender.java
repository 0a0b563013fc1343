package io.npsloop.alerting.notifications.mail;

import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationMessages;
import io.npsloop.alerting.notifications.NotificationSender;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends alerts as plain-text email through the configured SMTP server ({@code spring.mail.*}). */
public class MailNotificationSender implements NotificationSender {

    private final JavaMailSender mail;
    private final String from;

    public MailNotificationSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public Outcome send(Notification notification) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(notification.target().address());
        message.setSubject(NotificationMessages.subject(notification.alert()));
        message.setText(NotificationMessages.text(notification.alert()));
        try {
            mail.send(message);
            return Outcome.delivered("accepted by the SMTP server");
        } catch (MailException e) {
            return Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
