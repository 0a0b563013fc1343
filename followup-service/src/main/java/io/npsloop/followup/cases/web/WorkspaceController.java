package io.npsloop.followup.cases.web;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.npsloop.followup.cases.Actor;
import io.npsloop.followup.cases.CaseWork;
import io.npsloop.followup.cases.ScoredAnswer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The follow-up team's workspace: the page at {@code /workspace} (static HTML, CSS and JS, public
 * like the dashboard; everything it shows comes from the API with the user's token), and the few
 * reads it needs beside the case API: who the token's person is, a case's score history and, for
 * team leads, whom they can assign cases to.
 */
@Controller
class WorkspaceController {

    private final CaseWork work;

    WorkspaceController(CaseWork work) {
        this.work = work;
    }

    @GetMapping("/workspace")
    String workspace() {
        return "forward:/workspace.html";
    }

    /** The person of the token as the case endpoints see them: username, case role, granted queues. */
    @GetMapping("/api/v1/me")
    @ResponseBody
    Me me(Actor actor) {
        return new Me(actor.username(), actor.role(), new TreeSet<>(actor.queues()));
    }

    @GetMapping("/api/v1/cases/{caseId}/history")
    @ResponseBody
    List<ScoredAnswer> history(Actor actor, @PathVariable String caseId) {
        return work.scoreHistory(actor, caseId);
    }

    @GetMapping("/api/v1/agents")
    @ResponseBody
    Agents agents(Actor actor) {
        return new Agents(work.knownAgents(actor));
    }

    record Me(String username, Actor.Role role, Set<String> queues) {
    }

    record Agents(List<String> agents) {
    }
}
