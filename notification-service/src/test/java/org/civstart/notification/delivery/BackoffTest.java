package org.civstart.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Exponential backoff with a cap and bounded jitter. */
class BackoffTest {

    @Test
    void doublesPerAttemptUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 0);
        assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(b.after(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(b.after(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.after(60)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterAddsUpToItsFractionAndSpreadsRetries() {
        Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), 0.5);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = b.after(2);
            assertThat(d).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(30));
            seen.add(d);
        }
        assertThat(seen).hasSizeGreaterThan(50);
    }
}
