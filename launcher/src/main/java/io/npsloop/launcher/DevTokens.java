package io.npsloop.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;

/**
 * Prints a bearer token of the local run's development issuer (keys under ./data/dev-issuer):
 * {@code ./dev-token ROLE [USERNAME] [QUEUE...]}, or with {@code source} the development source
 * system's API key. Only a local run started with the same data directory accepts them.
 */
public final class DevTokens {

    private DevTokens() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help")) {
            System.err.println("usage: ./dev-token agent|lead|analyst|admin [username] [queue ...]");
            System.err.println("       ./dev-token source      (the API key of the development source system)");
            System.err.println("  queues default to * (every queue); the username defaults to dev-<role>");
            System.exit(args.length == 0 ? 2 : 0);
        }
        Path dataDir = Path.of(System.getenv().getOrDefault("NPS_DATA_DIR", "data"));
        if (args[0].equals("source")) {
            System.out.println(LocalLauncher.devSecrets(dataDir).ingestApiKey());
            return;
        }
        Optional<Role> role = Role.fromClaim(args[0]);
        if (role.isEmpty()) {
            System.err.println("Unknown role " + args[0] + ": use agent, lead, analyst or admin");
            System.exit(2);
        }
        String username = args.length > 1 ? args[1] : "dev-" + role.get().name().toLowerCase(Locale.ROOT);
        List<String> queues = new ArrayList<>(args.length > 2 ? List.of(args).subList(2, args.length) : List.of("*"));
        System.out.println(DevIssuer.at(LocalLauncher.devIssuerDirectory(dataDir)).token(username, List.of(role.get()), queues));
    }
}
