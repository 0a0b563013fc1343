package io.npsloop.alerting.notifications.mongo;

import io.npsloop.alerting.rules.NotificationTarget;
import org.bson.Document;

/** The BSON form of a notification target, shared by the alert and notification documents. */
public final class TargetDocuments {

    private TargetDocuments() {
    }

    public static Document toDocument(NotificationTarget target) {
        return new Document("name", target.name()).append("channel", target.channel().name())
                .append("address", target.address());
    }

    public static NotificationTarget fromDocument(Document doc) {
        return new NotificationTarget(doc.getString("name"), NotificationTarget.Channel.valueOf(doc.getString("channel")),
                doc.getString("address"));
    }
}
