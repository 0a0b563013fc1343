package io.npsloop.followup.incentives;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.npsloop.contracts.FieldProblem;

/**
 * What makes an experiment valid, each rule naming the field it concerns: at least two arms, one of
 * them the no-incentive {@link Experiment#CONTROL} (without a control nothing can be said about
 * whether an incentive works), no arm twice, and every other arm an incentive of the catalogue.
 */
public final class ExperimentRules {

    private ExperimentRules() {
    }

    public static List<FieldProblem> check(List<String> arms, IncentiveCatalogue catalogue) {
        List<FieldProblem> violations = new ArrayList<>();
        if (arms.size() < 2) {
            violations.add(new FieldProblem("arms", "needs at least two arms: control and an incentive"));
        }
        if (!arms.contains(Experiment.CONTROL)) {
            violations.add(new FieldProblem("arms", "must include the no-incentive arm " + Experiment.CONTROL));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            String arm = arms.get(i);
            if (!seen.add(arm)) {
                violations.add(new FieldProblem("arms[" + i + "]", "arm " + arm + " is listed twice"));
            } else if (!arm.equals(Experiment.CONTROL) && catalogue.incentive(arm).isEmpty()) {
                violations.add(new FieldProblem("arms[" + i + "]", "unknown incentive " + arm));
            }
        }
        return violations;
    }
}
