package io.npsloop.launcher;

import java.nio.file.Path;
import java.util.List;

import io.npsloop.ingest.apikeys.ApiKeys;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalLauncherTests {

    @TempDir
    Path dataDir;

    @Test
    void addsTheDevelopmentIssuerAndSecretsOfTheDataDirectoryToTheArguments() {
        assertThat(LocalLauncher.withDevelopmentDefaults(new String[] {"--nps.scoring.time-zone=Europe/Berlin"}, dataDir))
                .contains("--nps.scoring.time-zone=Europe/Berlin")
                .contains("--nps.security.jwt.dev-issuer=" + dataDir.resolve("dev-issuer"))
                .anySatisfy(arg -> assertThat(arg).matches("--nps\\.alerting\\.notifications\\.webhook-secret=whsec_[A-Za-z0-9+/=]{44}"))
                .contains("--nps.ingest.api-keys[0].sha256=" + ApiKeys.sha256Hex(LocalLauncher.devSecrets(dataDir).ingestApiKey()));
        assertThat(LocalLauncher.devSecrets(dataDir).ingestApiKey()).matches("dev-[A-Za-z0-9_-]{43}");
    }

    @Test
    void theGeneratedSecretIsKeptAcrossStartsAndDiffersBetweenDataDirectories(@TempDir Path other) {
        List<String> first = LocalLauncher.developmentDefaults(dataDir);
        assertThat(LocalLauncher.developmentDefaults(dataDir)).isEqualTo(first);
        assertThat(LocalLauncher.developmentDefaults(other).get(1)).isNotEqualTo(first.get(1));
    }

    @Test
    void aPropertyGivenOnTheCommandLineReplacesTheDevelopmentOne() {
        List<String> args = LocalLauncher.withDevelopmentDefaults(
                new String[] {"--nps.alerting.notifications.webhook-secret=whsec_mine"}, dataDir);

        assertThat(args).filteredOn(arg -> arg.startsWith("--nps.alerting.notifications.webhook-secret=")).containsExactly(
                "--nps.alerting.notifications.webhook-secret=whsec_mine");
    }

    @Test
    void devTokensAreSignedByTheIssuerOfTheDataDirectory() {
        String token = DevIssuer.at(LocalLauncher.devIssuerDirectory(dataDir)).token("ada", List.of(Role.AGENT), List.of("*"));
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(dataDir.resolve("dev-issuer/public-key.pem")).exists();
    }
}
