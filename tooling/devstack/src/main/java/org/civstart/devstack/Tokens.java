package org.civstart.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** {@code ./run-local token admin [subject]} and {@code ./run-local token startup <startupId> [subject]}. */
final class Tokens {

    private Tokens() {}

    static String mint(Path keyDir, String[] args) throws Exception {
        if (!Files.exists(keyDir.resolve("private.key"))) {
            throw new IllegalStateException("no key pair in .local/keys yet: start the stack once with ./run-local");
        }
        Keys keys = Keys.loadOrCreate(keyDir);
        String role = args.length > 1 ? args[1] : "admin";
        return switch (role) {
            case "admin" -> keys.admin(args.length > 2 ? args[2] : "local-admin", Duration.ofHours(12));
            case "startup" -> {
                if (args.length < 3) {
                    throw new IllegalArgumentException("usage: ./run-local token startup <startupId>");
                }
                String startupId = UUID.fromString(args[2]).toString();
                yield keys.startup(startupId, args.length > 3 ? args[3] : "user-of-" + startupId, Duration.ofHours(12));
            }
            default -> throw new IllegalArgumentException("role must be admin or startup");
        };
    }
}
