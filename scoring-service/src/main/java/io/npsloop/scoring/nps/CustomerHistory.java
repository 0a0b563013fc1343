package io.npsloop.scoring.nps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answers of one customer that scoring has counted, one per response (its latest revision).
 *
 * <p>"Previous answer" means the customer's answer immediately before this one <em>in answer time</em>
 * ({@code occurredAt}), among the answers scored so far; not the one scored just before. So a late
 * response that arrives after a newer one gets the answer before it in time as its previous, not
 * the newer one. The previous answer is fixed when a response is first scored: a revision keeps it,
 * and a late older answer does not rewrite the "previous" of answers already published, because
 * published events are never changed.
 */
public record CustomerHistory(List<CustomerAnswer> answers) {

    public static final CustomerHistory EMPTY = new CustomerHistory(List.of());

    public CustomerHistory {
        answers = List.copyOf(answers);
    }

    /** This history with the answer in it, replacing the earlier revision of the same response. */
    public CustomerHistory with(CustomerAnswer answer) {
        List<CustomerAnswer> updated = new ArrayList<>(answers.size() + 1);
        for (CustomerAnswer known : answers) {
            if (!known.responseKey().equals(answer.responseKey())) {
                updated.add(known);
            }
        }
        updated.add(answer);
        return new CustomerHistory(updated);
    }

    /** The latest answer given before {@code at} by a response other than {@code responseKey}, if any. */
    public @Nullable CustomerAnswer previousOf(String responseKey, Instant at) {
        CustomerAnswer previous = null;
        for (CustomerAnswer answer : answers) {
            if (answer.responseKey().equals(responseKey) || !answer.isBefore(at, responseKey)) {
                continue;
            }
            if (previous == null || previous.isBefore(answer.answeredAt(), answer.responseKey())) {
                previous = answer;
            }
        }
        return previous;
    }
}
