package io.npsloop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.yaml.snakeyaml.Yaml;

/** Reads the project's Kubernetes manifests as typed objects, from the base files or from a kustomize rendering. */
final class Manifests {

    static final Path ROOT = locateRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");

    private Manifests() {
    }

    /** The base's resources, read file by file as listed in its kustomization.yaml. */
    @SuppressWarnings("unchecked")
    static List<HasMetadata> base() {
        Path base = K8S.resolve("base");
        Map<String, Object> kustomization = new Yaml().load(read(base.resolve("kustomization.yaml")));
        List<HasMetadata> resources = new ArrayList<>();
        for (String file : (List<String>) kustomization.get("resources")) {
            resources.addAll(parse(read(base.resolve(file))));
        }
        return resources;
    }

    static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kubectl kustomize deploy/k8s/overlays/<overlay>}: renders offline, needs no cluster. */
    static List<HasMetadata> rendered(String overlay) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize failed for overlay " + overlay);
            }
            return parse(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<HasMetadata> parse(String multiDocumentYaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : multiDocumentYaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return resources;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the repository root (a directory with deploy/k8s)");
        }
        return dir;
    }
}
