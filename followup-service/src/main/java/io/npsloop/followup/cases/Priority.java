package io.npsloop.followup.cases;

import java.math.BigDecimal;

import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Work order of cases: severity first (critical 300, high 200, normal 100), then account value,
 * adding up to 99 on a logarithmic scale so a 10x larger account weighs a fixed step more, and
 * account value can never lift a case above the next severity.
 */
public final class Priority {

    private Priority() {
    }

    public static int of(Severity severity, @Nullable Money accountValue) {
        int base = switch (severity) {
            case CRITICAL -> 300;
            case HIGH -> 200;
            case NORMAL -> 100;
        };
        if (accountValue == null || accountValue.amount().signum() <= 0) {
            return base;
        }
        double magnitude = Math.log10(accountValue.amount().add(BigDecimal.ONE).doubleValue());
        return base + (int) Math.min(99, Math.floor(magnitude * 10));
    }
}
