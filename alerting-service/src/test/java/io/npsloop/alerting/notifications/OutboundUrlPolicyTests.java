package io.npsloop.alerting.notifications;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundUrlPolicyTests {

    /** Every hostile host is also on the allow-list, so only the address checks can refuse it. */
    private static final List<String> HOSTILE_HOSTS = List.of("127.0.0.1", "localhost", "2130706433", "0x7f000001",
            "0177.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "169.254.169.254", "10.0.0.1", "192.168.1.1", "172.16.0.1",
            "[fd00::1]", "metadata.google.internal", "0.0.0.0", "100.64.0.1", "[fe80::1]", "[::ffff:a9fe:a9fe]",
            "[2002:7f00:1::]", "[64:ff9b::a9fe:a9fe]", "127.1", "0x7f.1", "sub.localhost");

    private final OutboundUrlPolicy policy = new OutboundUrlPolicy(
            concat(HOSTILE_HOSTS, List.of("hooks.example.com", "*.slack.com", "::1", "fd00::1", "::ffff:127.0.0.1")), false);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://2130706433/hook",
            "https://0x7f000001/hook", "https://0177.0.0.1/hook", "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook",
            "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/hook", "https://192.168.1.1/hook",
            "https://172.16.0.1/hook", "https://[fd00::1]/hook", "https://metadata.google.internal/computeMetadata/v1",
            "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://[fe80::1]/hook", "https://[::ffff:a9fe:a9fe]/hook",
            "https://[2002:7f00:1::]/hook", "https://[64:ff9b::a9fe:a9fe]/hook", "https://127.1/hook",
            "https://0x7f.1/hook", "https://sub.localhost/hook"})
    void hostileUrlsAreRefusedEvenWhenAllowListed(String url) {
        assertThat(policy.problem(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/a", "ftp://hooks.example.com/a", "https://user:pw@hooks.example.com/a",
            "https://evil.example.org/a", "https://slack.com.evil.org/a", "not a url", "https:///nohost"})
    void urlsOutsideTheRulesAreRefused(String url) {
        assertThat(policy.problem(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/a", "https://hooks.slack.com/services/T/B/X", "https://HOOKS.example.com./a"})
    void allowListedPublicHostsPass(String url) {
        assertThat(policy.problem(url)).isNull();
    }

    @Test
    void loopbackIsRefusedByDefaultAndAllowedOnlyWithTheDevelopmentSwitch() {
        OutboundUrlPolicy strict = new OutboundUrlPolicy(List.of("127.0.0.1"), false);
        OutboundUrlPolicy dev = new OutboundUrlPolicy(List.of("127.0.0.1", "10.0.0.1", "169.254.169.254"), true);

        assertThat(strict.problem("http://127.0.0.1:8080/hook")).isNotNull();
        assertThat(strict.problem("https://127.0.0.1:8080/hook")).isNotNull();
        assertThat(dev.problem("http://127.0.0.1:8080/hook")).isNull();
        assertThat(dev.problem("http://10.0.0.1/hook")).isNotNull();
        assertThat(dev.problem("http://169.254.169.254/hook")).isNotNull();
    }

    @Test
    void resolvingChecksEveryAddressTheNameStandsFor() throws Exception {
        OutboundUrlPolicy strict = new OutboundUrlPolicy(List.of("localhost.example", "127.0.0.1"), false);

        assertThatThrownBy(() -> strict.resolve("127.0.0.1")).isInstanceOf(OutboundUrlPolicy.RefusedHostException.class);
        assertThat(new OutboundUrlPolicy(List.of("127.0.0.1"), true).resolve("127.0.0.1"))
                .containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void legacyIpv4NotationsDecodeLikeInetAton() throws Exception {
        assertThat(InetAddress.getByAddress(OutboundUrlPolicy.legacyIpv4("2130706433")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByAddress(OutboundUrlPolicy.legacyIpv4("0x7f000001")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByAddress(OutboundUrlPolicy.legacyIpv4("0177.0.0.1")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByAddress(OutboundUrlPolicy.legacyIpv4("10.1")).getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(OutboundUrlPolicy.legacyIpv4("256.0.0.1")).isNull();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
