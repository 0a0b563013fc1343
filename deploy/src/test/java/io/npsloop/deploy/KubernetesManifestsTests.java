package io.npsloop.deploy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KubernetesManifestsTests {

    static final List<String> SERVICES = List.of("survey-ingest", "scoring-service", "alerting-service", "followup-service",
            "reporting-service");

    @Test
    void baseKeepsEveryDeploymentRule() {
        assertThat(DeploymentRules.violations(Manifests.base(), springShutdownTimeout())).isEmpty();
    }

    @Test
    void baseDeploysEachOfTheFiveServices() {
        List<String> deployed = DeploymentRules.of(Manifests.base(), Deployment.class).stream()
                .map(deployment -> deployment.getMetadata().getName()).toList();
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersAndKeepsEveryDeploymentRule(String overlay) {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; the base is checked without it");
        List<HasMetadata> rendered = Manifests.rendered(overlay);

        assertThat(DeploymentRules.violations(rendered, springShutdownTimeout())).isEmpty();
        assertThat(rendered).allSatisfy(resource -> {
            if (!"Namespace".equals(resource.getKind())) {
                assertThat(resource.getMetadata().getNamespace()).as(resource.getKind()).startsWith("nps-loop");
            }
        });
    }

    @Test
    void aBrokenManifestIsCaughtByTheRules() {
        String deployment = Manifests.read(Manifests.K8S.resolve("base/scoring-service.yaml"))
                .replace("readinessProbe:", "readinesProbe:")
                .replace("maxReplicas: 6", "maxReplicas: 12")
                .replace("terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: 20");
        List<HasMetadata> broken = new java.util.ArrayList<>(Manifests.parse(deployment));
        broken.addAll(Manifests.parse(Manifests.read(Manifests.K8S.resolve("base/config.yaml"))));

        assertThat(DeploymentRules.violations(broken, springShutdownTimeout()))
                .anyMatch(violation -> violation.contains("unknown field(s) [readinesProbe]"))
                .anyMatch(violation -> violation.contains("no readinessProbe"))
                .anyMatch(violation -> violation.contains("autoscaling up to 12 but only 6 partitions"))
                .anyMatch(violation -> violation.contains("termination grace period 20 s"));
    }

    /** The graceful shutdown phase every service is given, as configured for all of them. */
    static Duration springShutdownTimeout() {
        String shared = Manifests.read(Manifests.ROOT.resolve("nps-platform/src/main/resources/nps-platform.yml"));
        Matcher matcher = Pattern.compile("timeout-per-shutdown-phase:\\s*(\\d+)s").matcher(shared);
        assertThat(matcher.find()).as("timeout-per-shutdown-phase in nps-platform.yml").isTrue();
        return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
    }
}
