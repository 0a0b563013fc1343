package io.npsloop.deploy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The deployment rules every rendering of the manifests must keep, as one list of violations so a
 * failing test names all of them at once.
 */
final class DeploymentRules {

    static final String CONSUMER_LABEL = "npsloop.io/kafka-consumer";

    private DeploymentRules() {
    }

    static List<String> violations(List<HasMetadata> resources, Duration springShutdownTimeout) {
        List<String> violations = new ArrayList<>();
        violations.addAll(unknownFields(resources));
        int partitions = partitions(resources);
        List<Deployment> deployments = of(resources, Deployment.class);
        if (deployments.isEmpty()) {
            violations.add("no Deployment rendered");
        }
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                probe(violations, name, "startupProbe", container.getStartupProbe(), "/actuator/health/liveness");
                probe(violations, name, "livenessProbe", container.getLivenessProbe(), "/actuator/health/liveness");
                probe(violations, name, "readinessProbe", container.getReadinessProbe(), "/actuator/health/readiness");
                var resourcesOf = container.getResources();
                for (String kind : List.of("cpu", "memory")) {
                    if (resourcesOf == null || resourcesOf.getRequests() == null || !resourcesOf.getRequests().containsKey(kind)) {
                        violations.add(name + ": no " + kind + " request");
                    }
                    if (resourcesOf == null || resourcesOf.getLimits() == null || !resourcesOf.getLimits().containsKey(kind)) {
                        violations.add(name + ": no " + kind + " limit");
                    }
                }
                String image = container.getImage();
                if (image == null || !image.contains(":") || image.endsWith(":latest")) {
                    violations.add(name + ": image not pinned to a version: " + image);
                }
                boolean secretAsEnv = container.getEnv() != null && container.getEnv().stream()
                        .anyMatch(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null);
                if (secretAsEnv) {
                    violations.add(name + ": secrets must be mounted as files, not passed as environment variables");
                }
                if (container.getSecurityContext() == null || !Boolean.FALSE.equals(container.getSecurityContext().getAllowPrivilegeEscalation())) {
                    violations.add(name + ": privilege escalation not disabled");
                }
            }
            if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
                violations.add(name + ": does not run as non-root");
            }
            Duration preStop = preStopSleep(pod.getContainers());
            long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
            if (Duration.ofSeconds(grace).compareTo(preStop.plus(springShutdownTimeout)) <= 0) {
                violations.add(name + ": termination grace period " + grace + " s is not longer than preStop " + preStop.toSeconds()
                        + " s plus the shutdown timeout " + springShutdownTimeout.toSeconds() + " s");
            }
            boolean consumer = "true".equals(deployment.getMetadata().getLabels().get(CONSUMER_LABEL));
            Integer replicas = deployment.getSpec().getReplicas();
            if (consumer && replicas != null && replicas > partitions) {
                violations.add(name + ": " + replicas + " replicas but only " + partitions + " partitions");
            }
            if (of(resources, PodDisruptionBudget.class).stream().noneMatch(pdb -> selects(pdb.getSpec().getSelector().getMatchLabels(), deployment))) {
                violations.add(name + ": no PodDisruptionBudget");
            }
            if (of(resources, Service.class).stream().noneMatch(service -> selects(service.getSpec().getSelector(), deployment))) {
                violations.add(name + ": no Service");
            }
            for (HorizontalPodAutoscaler hpa : of(resources, HorizontalPodAutoscaler.class)) {
                if (hpa.getSpec().getScaleTargetRef().getName().equals(name) && consumer && hpa.getSpec().getMaxReplicas() > partitions) {
                    violations.add(name + ": autoscaling up to " + hpa.getSpec().getMaxReplicas() + " but only " + partitions + " partitions");
                }
            }
        }
        return violations;
    }

    static int partitions(List<HasMetadata> resources) {
        return of(resources, ConfigMap.class).stream()
                .filter(map -> map.getData() != null && map.getData().containsKey("NPS_TOPIC_PARTITIONS"))
                .map(map -> Integer.parseInt(map.getData().get("NPS_TOPIC_PARTITIONS")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No ConfigMap sets NPS_TOPIC_PARTITIONS"));
    }

    private static void probe(List<String> violations, String name, String kind, Probe probe, String path) {
        if (probe == null || probe.getHttpGet() == null) {
            violations.add(name + ": no " + kind);
        } else if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(name + ": " + kind + " checks " + probe.getHttpGet().getPath() + " instead of " + path);
        }
    }

    private static Duration preStopSleep(List<Container> containers) {
        Duration longest = Duration.ZERO;
        for (Container container : containers) {
            if (container.getLifecycle() != null && container.getLifecycle().getPreStop() != null
                    && container.getLifecycle().getPreStop().getExec() != null) {
                for (String part : container.getLifecycle().getPreStop().getExec().getCommand()) {
                    if (part.matches("sleep \\d+")) {
                        Duration sleep = Duration.ofSeconds(Long.parseLong(part.substring("sleep ".length())));
                        longest = sleep.compareTo(longest) > 0 ? sleep : longest;
                    }
                }
            }
        }
        return longest;
    }

    private static boolean selects(Map<String, String> selector, Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    static <T> List<T> of(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Fields the Kubernetes model does not know end up in {@code additionalProperties}: a typo
     * such as {@code readinesProbe} would otherwise be silently ignored by the API server.
     */
    static List<String> unknownFields(List<HasMetadata> resources) {
        List<String> found = new ArrayList<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (HasMetadata resource : resources) {
            collectUnknown(resource, resource.getKind() + "/" + resource.getMetadata().getName(), found, seen);
        }
        return found;
    }

    private static void collectUnknown(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model") || !seen.add(node)) {
            if (node instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    collectUnknown(item, path + "[" + i++ + "]", found, seen);
                }
            } else if (node instanceof Map<?, ?> map && !map.isEmpty() && map.values().iterator().next() != null
                    && map.values().iterator().next().getClass().getName().startsWith("io.fabric8")) {
                map.forEach((key, value) -> collectUnknown(value, path + "." + key, found, seen));
            }
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if ("getAdditionalProperties".equals(getter.getName())) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else {
                    collectUnknown(value, path + "." + getter.getName().substring(3), found, seen);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // A getter that computes something rather than reading a field; nothing to check.
            }
        }
    }
}
