package io.npsloop.deploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus scrapes every service and Grafana's provisioned dashboard is well-formed. */
class MonitoringConfigTests {

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheActuatorEndpointOfEveryService() {
        Map<String, Object> config = new Yaml().load(Manifests.read(Manifests.ROOT.resolve("deploy/prometheus/prometheus.yml")));
        Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).get(0);
        assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
        List<String> targets = (List<String>) ((List<Map<String, Object>>) job.get("static_configs")).get(0).get("targets");
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
                KubernetesManifestsTests.SERVICES.stream().map(service -> service + ":8080").toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertRuleHasAnExpressionAndASummary() {
        Map<String, Object> rules = new Yaml().load(Manifests.read(Manifests.ROOT.resolve("deploy/prometheus/alerts.yml")));
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) ((List<Map<String, Object>>) rules.get("groups")).get(0).get("rules");
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert).containsKeys("alert", "expr", "labels");
            assertThat((Map<String, Object>) alert.get("annotations")).containsKey("summary");
        });
    }

    @Test
    void theDashboardHasAQueryInEveryPanel() {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Manifests.read(Manifests.ROOT.resolve("deploy/grafana/dashboards/nps-loop.json")));
        assertThat(dashboard.path("uid").asString()).isEqualTo("nps-loop");
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(6);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").get(0).path("expr").asString()).as(panel.path("title").asString()).isNotBlank();
        }
    }
}
