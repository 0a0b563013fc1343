package io.npsloop.followup.cases.mongo;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import io.npsloop.followup.cases.AuditEntry;
import io.npsloop.followup.cases.CaseKind;
import io.npsloop.followup.cases.ContactAttempt;
import io.npsloop.followup.cases.FollowupAnswer;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.followup.cases.IncentiveRecord;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;

/** The explicit mapping between a case and its document, field by field. */
final class CaseDocuments {

    private CaseDocuments() {
    }

    /** Every field but {@code _id}, the audit trail and the outbox, which only ever grow by $push. */
    static Document mutableFields(FollowupCase c) {
        return new Document("kind", c.kind().name())
                .append("alertId", c.alertId())
                .append("responseId", c.responseId())
                .append("customerId", c.customerId())
                .append("accountId", c.accountId())
                .append("contact", c.contact() == null ? null : new Document("name", c.contact().name())
                        .append("email", c.contact().email())
                        .append("phone", c.contact().phone()))
                .append("score", c.score())
                .append("comment", c.comment())
                .append("severity", c.severity().name())
                .append("matchedRules", c.matchedRules())
                .append("queue", c.queue())
                .append("priority", c.priority())
                .append("state", c.state().name())
                .append("openedAt", date(c.openedAt()))
                .append("answeredAt", date(c.answeredAt()))
                .append("slaDueAt", date(c.slaDueAt()))
                .append("accountValue", money(c.accountValue()))
                .append("version", c.version())
                .append("sequence", c.sequence())
                .append("claimedBy", c.claimedBy())
                .append("claimExpiresAt", date(c.claimExpiresAt()))
                .append("attempts", c.attempts().stream().map(CaseDocuments::attempt).toList())
                .append("callbackAt", date(c.callbackAt()))
                .append("escalationLevel", c.escalationLevel())
                .append("overdue", c.overdue())
                .append("rootCauses", c.rootCauses())
                .append("otherRootCause", c.otherRootCause())
                .append("incentive", incentive(c.incentive()))
                .append("answer", answer(c.answer()))
                .append("task", c.task());
    }

    static Document toDocument(FollowupCase c) {
        Document doc = new Document("_id", c.caseId());
        doc.putAll(mutableFields(c));
        doc.append("audit", c.audit().stream().map(CaseDocuments::audit).toList());
        return doc;
    }

    static FollowupCase toCase(Document doc) {
        Document contact = doc.get("contact", Document.class);
        // The canonical constructor, one argument a line in the record's order: what mutableFields writes.
        return new FollowupCase(
                doc.getString("_id"),
                CaseKind.valueOf(doc.getString("kind")),
                doc.getString("alertId"),
                doc.getString("responseId"),
                doc.getString("customerId"),
                doc.getString("accountId"),
                contact == null ? null
                        : new Contact(contact.getString("name"), contact.getString("email"), contact.getString("phone")),
                doc.getInteger("score"),
                doc.getString("comment"),
                Severity.valueOf(doc.getString("severity")),
                doc.getList("matchedRules", String.class, List.of()),
                doc.getString("queue"),
                doc.getInteger("priority"),
                CaseState.valueOf(doc.getString("state")),
                instant(doc, "openedAt"),
                instant(doc, "answeredAt"),
                instant(doc, "slaDueAt"),
                money(doc.get("accountValue", Document.class)),
                number(doc, "version"),
                number(doc, "sequence"),
                doc.getString("claimedBy"),
                instant(doc, "claimExpiresAt"),
                doc.getList("attempts", Document.class, List.of()).stream().map(CaseDocuments::attempt).toList(),
                instant(doc, "callbackAt"),
                doc.getInteger("escalationLevel", 0),
                doc.getBoolean("overdue", false),
                doc.getList("rootCauses", String.class, List.of()),
                doc.getString("otherRootCause"),
                incentive(doc.get("incentive", Document.class)),
                answer(doc.get("answer", Document.class)),
                doc.getString("task"),
                doc.getList("audit", Document.class, List.of()).stream().map(CaseDocuments::audit).toList());
    }

    static Document audit(AuditEntry a) {
        return new Document("who", a.who()).append("what", a.what()).append("when", date(a.when()))
                .append("fromState", a.fromState()).append("toState", a.toState()).append("details", a.details());
    }

    static AuditEntry audit(Document d) {
        return new AuditEntry(d.getString("who"), d.getString("what"), d.getDate("when").toInstant(),
                d.getString("fromState"), d.getString("toState"), d.getString("details"));
    }

    private static Document attempt(ContactAttempt a) {
        return new Document("number", a.number()).append("agent", a.agent()).append("at", date(a.at()))
                .append("channel", a.channel().name()).append("outcome", a.outcome().name())
                .append("callbackAt", date(a.callbackAt())).append("note", a.note());
    }

    private static ContactAttempt attempt(Document d) {
        return new ContactAttempt(d.getInteger("number"), d.getString("agent"), d.getDate("at").toInstant(),
                ContactAttempt.Channel.valueOf(d.getString("channel")), ContactAttempt.Outcome.valueOf(d.getString("outcome")),
                instant(d, "callbackAt"), d.getString("note"));
    }

    private static @Nullable Document incentive(@Nullable IncentiveRecord i) {
        return i == null ? null : new Document("experimentId", i.experimentId()).append("arm", i.arm())
                .append("assignmentNumber", i.assignmentNumber()).append("rootCause", i.rootCause())
                .append("incentiveId", i.incentiveId()).append("incentiveType", i.incentiveType())
                .append("cost", money(i.cost())).append("accepted", i.accepted());
    }

    private static @Nullable IncentiveRecord incentive(@Nullable Document d) {
        return d == null ? null : new IncentiveRecord(d.getString("experimentId"), d.getString("arm"),
                number(d, "assignmentNumber"), d.getString("rootCause"), d.getString("incentiveId"),
                d.getString("incentiveType"), money(d.get("cost", Document.class)), d.getBoolean("accepted"));
    }

    private static @Nullable Document answer(@Nullable FollowupAnswer a) {
        return a == null ? null : new Document("responseId", a.responseId()).append("score", a.score())
                .append("category", a.category().name()).append("transition", a.transition())
                .append("answeredAt", date(a.answeredAt()));
    }

    private static @Nullable FollowupAnswer answer(@Nullable Document d) {
        return d == null ? null : new FollowupAnswer(d.getString("responseId"), d.getInteger("score"),
                Category.valueOf(d.getString("category")), d.getString("transition"), d.getDate("answeredAt").toInstant());
    }

    private static @Nullable Document money(@Nullable Money m) {
        return m == null ? null : new Document("amount", new Decimal128(m.amount())).append("currency", m.currency());
    }

    private static @Nullable Money money(@Nullable Document d) {
        return d == null ? null : new Money(d.get("amount", Decimal128.class).bigDecimalValue(), d.getString("currency"));
    }

    static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static @Nullable Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
