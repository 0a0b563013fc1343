package io.npsloop.infra;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandLineTests {

    private static final Set<String> OPTIONS = Set.of("data-dir", "port");

    @Test
    void readsNamedValuesAndFallsBackForMissingOnes() {
        CommandLine commandLine = CommandLine.parse(new String[] {"--data-dir", "data/kafka"}, OPTIONS);

        assertThat(commandLine.required("data-dir")).isEqualTo("data/kafka");
        assertThat(commandLine.integer("port", 9092)).isEqualTo(9092);
        assertThat(commandLine.has("port")).isFalse();
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndNonNumbers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandLine.parse(new String[] {"--dir", "x"}, OPTIONS))
                .withMessageContaining("--dir");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandLine.parse(new String[] {"--port"}, OPTIONS))
                .withMessageContaining("needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandLine.parse(new String[] {"--port", "x"}, OPTIONS).integer("port", 1))
                .withMessageContaining("needs a number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandLine.parse(new String[0], OPTIONS).required("data-dir"))
                .withMessageContaining("--data-dir");
    }
}
