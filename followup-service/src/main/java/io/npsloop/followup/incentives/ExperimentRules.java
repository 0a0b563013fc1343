package io.npsloop.followup.incentives;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes an experiment valid, each rule naming the field it concerns: at least two arms, one of
 * them the no-incentive {@link Experiment#CONTROL} (without a control nothing can be said about
 * whether an incentive works), no arm twice, and every other arm an incentive of the catalogue.
 */
public final class ExperimentRules {

    private ExperimentRules() {
    }

    /** A broken rule: the field (a JSON path of the request) and why. */
    public record Violation(String field, String message) {
    }

    public static List<Violation> check(List<String> arms, IncentiveCatalogue catalogue) {
        List<Violation> violations = new ArrayList<>();
        if (arms.size() < 2) {
            violations.add(new Violation("arms", "needs at least two arms: control and an incentive"));
        }
        if (!arms.contains(Experiment.CONTROL)) {
            violations.add(new Violation("arms", "must include the no-incentive arm " + Experiment.CONTROL));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            String arm = arms.get(i);
            if (!seen.add(arm)) {
                violations.add(new Violation("arms[" + i + "]", "arm " + arm + " is listed twice"));
            } else if (!arm.equals(Experiment.CONTROL) && catalogue.incentive(arm).isEmpty()) {
                violations.add(new Violation("arms[" + i + "]", "unknown incentive " + arm));
            }
        }
        return violations;
    }
}
