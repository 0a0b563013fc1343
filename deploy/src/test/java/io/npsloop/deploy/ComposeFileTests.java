package io.npsloop.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml: what a team starting it needs to be true, checked without a Docker engine. */
class ComposeFileTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        Map<String, Object> compose = new Yaml().load(Manifests.read(Manifests.ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsKafkaMongoAndTheFiveServices() {
        assertThat(services().keySet()).contains("kafka", "mongo", "prometheus", "grafana").containsAll(KubernetesManifestsTests.SERVICES);
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services().forEach((name, service) -> {
            String image = (String) service.get("image");
            assertThat(image).as(name).isNotNull().contains(":").doesNotEndWith(":latest");
        });
    }

    @Test
    void everyServiceHasAHealthcheckAndAMemoryLimit() {
        services().forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck").containsKey("mem_limit");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesWaitForHealthyKafkaAndMongo() {
        for (String name : KubernetesManifestsTests.SERVICES) {
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services().get(name).get("depends_on");
            assertThat(dependsOn).as(name).containsKeys("kafka", "mongo");
            assertThat(dependsOn.values()).as(name).allSatisfy(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachServiceImageIsBuiltFromItsModule() {
        for (String name : KubernetesManifestsTests.SERVICES) {
            Map<String, Object> build = (Map<String, Object>) services().get(name).get("build");
            Map<String, String> args = (Map<String, String>) build.get("args");
            assertThat(args).as(name).containsEntry("SERVICE", name);
            assertThat(Files.isDirectory(Manifests.ROOT.resolve(name))).as(name + " module").isTrue();
        }
        assertThat(Manifests.read(Manifests.ROOT.resolve("Dockerfile"))).contains("USER 10001", "ARG SERVICE");
    }

    @Test
    void servicePortsMatchTheLocalRun() {
        List<String> expected = List.of("8081:8080", "8082:8080", "8083:8080", "8084:8080", "8085:8080");
        List<Object> published = KubernetesManifestsTests.SERVICES.stream()
                .map(name -> ((List<?>) services().get(name).get("ports")).get(0))
                .map(Object.class::cast)
                .toList();
        assertThat(published).containsExactlyElementsOf(expected);
    }
}
