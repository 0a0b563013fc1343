package io.npsloop.alerting.alerts.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.npsloop.alerting.alerts.AlertStore.AlertQuery;
import io.npsloop.alerting.alerts.AlertStore;
import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationOutbox;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.Severity;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alerts raised, newest first, filtered and paged; one alert with its notification attempts. */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsController {

    static final String TOTAL_COUNT = "X-Total-Count";

    private final AlertStore store;
    private final NotificationOutbox outbox;

    AlertsController(AlertStore store, NotificationOutbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    @GetMapping
    ResponseEntity<List<AlertView>> search(@RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String queue,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String customerId,
            @RequestParam(defaultValue = "0") String page,
            @RequestParam(required = false) @Nullable String size,
            @RequestParam(required = false) @Nullable String limit) {
        List<FieldProblem> problems = new ArrayList<>();
        Severity wanted = severity(severity, problems);
        Instant fromTime = instant("from", from, problems);
        Instant toTime = instant("to", to, problems);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        int pageNumber = number("page", page, 0, 100_000, problems);
        // "limit" is the first version's name for the page size.
        String sizeText = size != null ? size : limit != null ? limit : "50";
        int pageSize = number(size != null ? "size" : limit != null ? "limit" : "size", sizeText, 1, 500, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        AlertStore.Page result = store.search(new AlertQuery(wanted, blankToNull(queue), fromTime, toTime,
                blankToNull(customerId), pageNumber, pageSize));
        return ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(result.total()))
                .body(result.alerts().stream().map(AlertView::of).toList());
    }

    @GetMapping("/{alertId}")
    ResponseEntity<?> one(@PathVariable String alertId) {
        AlertStore.StoredAlert stored = store.find(alertId);
        if (stored == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No alert " + alertId);
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        List<NotificationView> notifications = outbox.forAlert(alertId).stream().map(NotificationView::of).toList();
        return ResponseEntity.ok(new AlertDetail(AlertView.of(stored), notifications));
    }

    /** An alert as published, plus the responses attached to it later and whether it was published. */
    record AlertView(@JsonUnwrapped DetractorAlertRaised alert, List<String> attachedResponseIds, boolean published) {
        static AlertView of(AlertStore.StoredAlert stored) {
            return new AlertView(stored.alert(), stored.attachedResponseIds(), stored.published());
        }
    }

    /** One alert and its notifications. */
    record AlertDetail(@JsonUnwrapped AlertView alert, List<NotificationView> notifications) {
    }

    /** A notification without its address (which may be a secret URL): target name, channel, status, attempts. */
    record NotificationView(String target, String channel, String status, Instant nextAttemptAt,
            List<Notification.Attempt> attempts) {
        static NotificationView of(Notification notification) {
            return new NotificationView(notification.target().name(), notification.target().channel().name(),
                    notification.status().name(), notification.nextAttemptAt(), notification.attempts());
        }
    }

    private static @Nullable Severity severity(@Nullable String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("severity", "must be CRITICAL, HIGH or NORMAL"));
            return null;
        }
    }

    private static @Nullable Instant instant(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 instant such as 2025-03-04T00:00:00Z"));
            return null;
        }
    }

    private static int number(String field, String value, int min, int max, List<FieldProblem> problems) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
        return min;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
