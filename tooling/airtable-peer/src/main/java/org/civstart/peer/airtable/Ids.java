package org.civstart.peer.airtable;

import java.security.SecureRandom;

/** Airtable-style ids ({@code app…}, {@code rec…}, {@code ach…}: a prefix and 14 letters or digits) and webhook secrets. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    static String next(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 14; i++) {
            sb.append(ALPHANUM.charAt(RANDOM.nextInt(ALPHANUM.length())));
        }
        return sb.toString();
    }

    /** A webhook's MAC secret: 32 random bytes. */
    static byte[] secret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }
}
