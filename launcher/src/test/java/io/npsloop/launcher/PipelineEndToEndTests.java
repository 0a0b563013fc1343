package io.npsloop.launcher;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.npsloop.launcher.PipelineClient.n;
import static io.npsloop.launcher.PipelineClient.window;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * All five services against one real Kafka broker and one wire-compatible store, as the local run
 * starts them: a detractor posted to ingest becomes an alert, an open case in the agents' queue
 * and a figure in the report, and all of it is still there after a full restart; then an agent
 * works the case to resolution and the customer's next answer closes the loop.
 */
class PipelineEndToEndTests {

    @TempDir
    Path dataDir;

    private LocalPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void detractorTravelsFromPostToAnOpenCaseAndAReportFigureAndSurvivesARestart() throws Exception {
        pipeline = start();
        DetractorJourney.run(new PipelineClient(pipeline));

        pipeline.close();
        pipeline = start();
        PipelineClient client = new PipelineClient(pipeline);

        JsonNode afterRestart = client.get(ServiceKind.REPORTING, "/api/v1/reports/overview");
        assertThat(afterRestart.path("openCases").asLong()).isEqualTo(1);
        assertThat(n(afterRestart, "30d")).isEqualTo(1);
        assertThat(client.get(ServiceKind.FOLLOWUP, "/api/v1/cases").size()).isEqualTo(1);

        FollowupJourney.run(client, "c-42");

        JsonNode both = client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/overview", node -> n(node, "30d") == 2);
        assertThat(window(both, "30d").path("promoters").asLong()).isEqualTo(1);
        assertThat(window(both, "30d").path("nps").asDouble()).isEqualTo(0.0);
    }

    private LocalPipeline start() {
        Map<ServiceKind, Integer> randomPorts = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            randomPorts.put(kind, 0);
        }
        return LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of());
    }
}
