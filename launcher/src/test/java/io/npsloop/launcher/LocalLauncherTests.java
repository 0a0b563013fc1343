package io.npsloop.launcher;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalLauncherTests {

    @Test
    void addsTheDevelopmentCredentialsToTheArguments() {
        assertThat(LocalLauncher.withDevelopmentDefaults(new String[] {"--nps.scoring.time-zone=Europe/Berlin"}))
                .contains("--nps.scoring.time-zone=Europe/Berlin")
                .containsAll(LocalLauncher.DEVELOPMENT_DEFAULTS);
    }

    @Test
    void aCredentialGivenOnTheCommandLineReplacesTheDevelopmentOne() {
        List<String> args = LocalLauncher.withDevelopmentDefaults(new String[] {"--nps.alerting.admin.api-keys.admin=mine"});

        assertThat(args).filteredOn(arg -> arg.startsWith("--nps.alerting.admin.api-keys.admin=")).containsExactly(
                "--nps.alerting.admin.api-keys.admin=mine");
    }
}
