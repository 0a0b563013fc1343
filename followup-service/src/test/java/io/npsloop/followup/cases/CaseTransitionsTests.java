package io.npsloop.followup.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.CaseState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseTransitionsTests {

    static List<Arguments> legal() {
        List<Arguments> legal = new ArrayList<>();
        CaseTransitions.table().forEach((from, actions) -> actions.forEach((action, to) -> legal.add(Arguments.of(from, action, to))));
        return legal;
    }

    static List<Arguments> illegal() {
        List<Arguments> illegal = new ArrayList<>();
        for (CaseState from : CaseState.values()) {
            for (CaseAction action : CaseAction.values()) {
                if (!CaseTransitions.table().getOrDefault(from, Map.of()).containsKey(action)) {
                    illegal.add(Arguments.of(from, action));
                }
            }
        }
        return illegal;
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("legal")
    void everyLegalTransitionLeadsToItsTarget(CaseState from, CaseAction action, CaseState to) {
        assertThat(CaseTransitions.next(from, action)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("illegal")
    void everyIllegalTransitionIsRefusedNamingStateAndAction(CaseState from, CaseAction action) {
        assertThatThrownBy(() -> CaseTransitions.next(from, action))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> {
                    assertThat(e.state()).isEqualTo(from);
                    assertThat(e.action()).isEqualTo(action);
                });
    }

    @Test
    void theDocumentedHappyPathIsInTheTable() {
        assertThat(CaseTransitions.next(CaseState.OPEN, CaseAction.CLAIM)).isEqualTo(CaseState.CLAIMED);
        assertThat(CaseTransitions.next(CaseState.CLAIMED, CaseAction.CONTACT_REACHED)).isEqualTo(CaseState.CONTACTED);
        assertThat(CaseTransitions.next(CaseState.CONTACTED, CaseAction.RESOLVE)).isEqualTo(CaseState.RESOLVED);
        assertThat(CaseTransitions.next(CaseState.RESOLVED, CaseAction.CLOSE)).isEqualTo(CaseState.CLOSED);
        assertThat(illegal()).isNotEmpty();
    }

    @Test
    void closedAndResolvedCasesAreNotActive() {
        assertThat(CaseTransitions.isActive(CaseState.CLOSED)).isFalse();
        assertThat(CaseTransitions.isActive(CaseState.RESOLVED)).isFalse();
        assertThat(CaseTransitions.isActive(CaseState.OPEN)).isTrue();
    }
}
