package io.npsloop.alerting.notifications;

import java.util.EnumMap;
import java.util.Map;

import io.npsloop.alerting.rules.NotificationTarget.Channel;

/** Hands each notification to the sender of its channel. */
public final class ChannelRouting implements NotificationSender {

    private final Map<Channel, NotificationSender> senders;

    public ChannelRouting(Map<Channel, NotificationSender> senders) {
        this.senders = new EnumMap<>(senders);
    }

    @Override
    public Outcome send(Notification notification) throws Exception {
        NotificationSender sender = senders.get(notification.target().channel());
        if (sender == null) {
            return Outcome.refused("no sender for channel " + notification.target().channel());
        }
        return sender.send(notification);
    }
}
