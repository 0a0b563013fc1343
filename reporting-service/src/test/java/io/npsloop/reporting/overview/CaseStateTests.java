package io.npsloop.reporting.overview;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseStateTests {

    static CaseState change(String caseId, long sequence, String state) {
        return new CaseState(caseId, "team-north", sequence, state);
    }

    @Test
    void aCaseOpenedAndChangedInOneBatchEndsInItsLatestState() {
        Map<String, CaseState> changed = CaseState.fold(Map.of(),
                List.of(CaseState.opened("c1", "team-north"), change("c1", 1, "CLAIMED"), change("c1", 2, "CONTACTED")));

        assertThat(changed).containsExactly(Map.entry("c1", change("c1", 2, "CONTACTED")));
    }

    @Test
    void duplicatedAndLateChangesInOneBatchChangeNothing() {
        Map<String, CaseState> changed = CaseState.fold(Map.of("c1", change("c1", 1, "CLAIMED")),
                List.of(change("c1", 3, "RESOLVED"), change("c1", 2, "CONTACTED"), change("c1", 3, "RESOLVED"), change("c1", 1, "CLAIMED")));

        assertThat(changed).containsExactly(Map.entry("c1", change("c1", 3, "RESOLVED")));
    }

    @Test
    void aChangeAtOrBelowTheStoredSequenceIsARedelivery() {
        assertThat(CaseState.fold(Map.of("c1", change("c1", 3, "RESOLVED")), List.of(change("c1", 2, "CONTACTED"), change("c1", 3, "RESOLVED"))))
                .isEmpty();
    }

    @Test
    void anOpeningOfAKnownCaseChangesNothing() {
        assertThat(CaseState.fold(Map.of("c1", change("c1", 2, "CONTACTED")), List.of(CaseState.opened("c1", "team-south")))).isEmpty();
    }

    @Test
    void aChangeOfACaseNeverOpenedHereIsNotTracked() {
        // An advocacy task's changes, or a change before its case's opening: only alert cases are counted.
        assertThat(CaseState.fold(Map.of(), List.of(change("task-1", 1, "CLAIMED")))).isEmpty();
        assertThat(CaseState.fold(Map.of(), List.of(change("c1", 1, "CLAIMED"), CaseState.opened("c1", "team-north"))))
                .containsExactly(Map.entry("c1", CaseState.opened("c1", "team-north")));
    }
}
