package org.civstart.notification.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base · 2^(attempt−1), at most max, plus up to {@code jitter} of it at random. */
public record Backoff(Duration base, Duration max, double jitter) {

    /** The wait after failed attempt number {@code attempt} (1 = the first). */
    public Duration after(int attempt) {
        long baseMs = Math.max(1, base.toMillis());
        long exp = baseMs << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, max.toMillis());
        long extra = jitter <= 0
                ? 0
                : (long) (capped * jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped + extra);
    }
}
