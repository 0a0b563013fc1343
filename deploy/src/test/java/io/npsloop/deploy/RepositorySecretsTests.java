package io.npsloop.deploy;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret of a deployment is in the repository: no private key, no password hash, no signing
 * secret, and no configuration file that gives a secret property a literal default. Secrets come
 * from the environment or mounted files; the local run generates its own under ./data. Test
 * sources are not scanned: their fixtures (published signature test vectors, throwaway secrets of
 * a test's own receiver) secure nothing.
 */
class RepositorySecretsTests {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "data", "node_modules", ".mvn", ".idea", "test");

    /** Kubernetes fields that name a Secret rather than hold one. */
    private static final Set<String> REFERENCES = Set.of("secretName", "secretRef", "secretKeyRef", "existingSecret");

    /** Anywhere: key material and credential formats that are secrets whatever file they sit in. */
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}"),
            Pattern.compile("whsec_[A-Za-z0-9+/]{20,}={0,2}"),
            Pattern.compile("AKIA[0-9A-Z]{16}"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"));

    /** In configuration: a secret-looking property whose value (or ${VAR:default}) is a literal. */
    private static final Pattern LITERAL_SECRET_PROPERTY = Pattern.compile(
            "(?i)^\\s*-?\\s*[\\w.-]*(secret|password|passwd|api-?key|token|sha256|private-?key)[\\w.-]*\\s*[:=]\\s*"
                    + "(?:\\$\\{[A-Z0-9_]+:([^}\\s]+)}|([^\\s${#'\"][^\\s#]*))\\s*(#.*)?$");

    @Test
    void noFileHoldsKeyMaterialOrACredential() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String text = read(file);
            for (Pattern secret : SECRETS) {
                var matcher = secret.matcher(text);
                if (matcher.find()) {
                    found.add(Manifests.ROOT.relativize(file) + ": " + matcher.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void noConfigurationGivesASecretPropertyALiteralValue() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            if (!(name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties") || name.endsWith(".env"))) {
                continue;
            }
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                var matcher = LITERAL_SECRET_PROPERTY.matcher(lines.get(i));
                String key = lines.get(i).strip().replaceFirst("^-\\s*", "").split("[:=]", 2)[0].strip();
                if (matcher.matches() && !REFERENCES.contains(key)) {
                    found.add(Manifests.ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanSeesTheRepositoryAndWouldCatchALiteralSecret() throws IOException {
        assertThat(files()).anySatisfy(file -> assertThat(file.getFileName().toString()).isEqualTo("nps-platform.yml"))
                .anySatisfy(file -> assertThat(file.getFileName().toString()).isEqualTo("docker-compose.yml"))
                .noneSatisfy(file -> assertThat(file.toString()).contains("/src/test/"));
        assertThat(LITERAL_SECRET_PROPERTY.matcher("  webhook-secret: ${NPS_ALERTING_WEBHOOK_SECRET:}").matches()).isFalse();
        assertThat(LITERAL_SECRET_PROPERTY.matcher("        sha256: ${NPS_INGEST_KEY_SHA256:57c8139db7290a90}").matches()).isTrue();
        assertThat(LITERAL_SECRET_PROPERTY.matcher("  password: hunter22").matches()).isTrue();
        assertThat(SECRETS.get(1).matcher("$2a$10$2OpvzcqIl9V0OTmz1TWI9O3NEsjcX46LFkBRooEDxBj7PJ9w1Ekdy").find()).isTrue();
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(Manifests.ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        for (Path part : Manifests.ROOT.relativize(file)) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return "";
        }
    }
}
