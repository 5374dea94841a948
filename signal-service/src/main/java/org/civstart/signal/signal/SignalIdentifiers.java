package org.civstart.signal.signal;

import java.util.Locale;

/**
 * Turns the n-th value of {@code signal_identifier_seq} into {@code SIG-XXXXXX} (six base-36
 * characters). {@code n -> (n * M + C) mod 36^6} is a bijection because M is coprime with 36^6, so
 * identifiers never collide (for the first 2.1 billion signals) although consecutive ones look
 * unrelated, and no retry loop is needed.
 */
public final class SignalIdentifiers {

    static final long SPACE = 2_176_782_336L; // 36^6
    private static final long MULTIPLIER = 1_000_003L; // prime, neither 2 nor 3
    private static final long OFFSET = 1_234_567_890L;

    private SignalIdentifiers() {}

    public static String format(long sequenceValue) {
        long x = Math.floorMod(Math.floorMod(sequenceValue, SPACE) * MULTIPLIER + OFFSET, SPACE);
        String base36 = Long.toString(x, 36).toUpperCase(Locale.ROOT);
        return "SIG-" + "0".repeat(6 - base36.length()) + base36;
    }
}
