package io.npsloop.reporting.overview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one case opened by an alert stands for the overview: its team (queue), its state and the
 * sequence of the status change that put it there. As an event, sequence 0 is the case's opening
 * (state {@code OPEN}) and a higher sequence a status change.
 */
public record CaseState(String caseId, String queue, long sequence, String state) {

    public static final String OPEN = "OPEN";

    public static CaseState opened(String caseId, String queue) {
        return new CaseState(caseId, queue, 0, OPEN);
    }

    boolean opening() {
        return sequence == 0;
    }

    /**
     * The states the events leave behind, for the cases whose state they change, folded in
     * arrival order exactly as applying them one by one would: an opening records a case unless it
     * is known already; a change applies only to a known case, and only when its sequence is above
     * the one applied (a lower or equal one is a redelivery or arrived late). {@code stored} holds
     * the known cases before the events.
     */
    public static Map<String, CaseState> fold(Map<String, CaseState> stored, List<CaseState> events) {
        Map<String, CaseState> current = new LinkedHashMap<>();
        Map<String, CaseState> changed = new LinkedHashMap<>();
        for (CaseState event : events) {
            CaseState known = current.containsKey(event.caseId()) ? current.get(event.caseId()) : stored.get(event.caseId());
            boolean applies = event.opening() ? known == null : known != null && event.sequence() > known.sequence();
            if (applies) {
                current.put(event.caseId(), event);
                changed.put(event.caseId(), event);
            }
        }
        return changed;
    }
}
