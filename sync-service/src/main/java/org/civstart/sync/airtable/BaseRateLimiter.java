package org.civstart.sync.airtable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.sync.SyncConfig;

/**
 * Airtable's limit, enforced on our side: at most {@code requestsPerSecond} requests per base in
 * any one-second window, and nothing at all to a base while it is paused after a 429.
 *
 * <p>A request holds its slot until its response has arrived, and the slot frees one second after
 * that. So Airtable sees at most N requests to a base within any second even when requests sit in
 * the network for different times (counting from when we sent them would not guarantee that).
 *
 * <p>The limit is per process: with several replicas, set {@code civstart.sync.airtable.requests-per-second}
 * to 5 divided by the number of replicas.
 */
@ApplicationScoped
public class BaseRateLimiter {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final int limit;

    @Inject
    public BaseRateLimiter(SyncConfig config) {
        this.limit = config.requestsPerSecond();
    }

    /** Waits for a free slot for {@code baseId}; release the permit when the response has arrived. */
    public Permit acquire(String baseId) throws InterruptedException {
        return windows.computeIfAbsent(baseId, b -> new Window(limit)).acquire();
    }

    /** Sends nothing to {@code baseId} for {@code pause} (Airtable answered 429). */
    public void pause(String baseId, Duration pause) {
        windows.computeIfAbsent(baseId, b -> new Window(limit)).pause(pause);
    }

    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Window {
        private final int limit;
        /** Completion times (nanoTime) of recent requests; {@link Long#MAX_VALUE} while in flight. */
        private final List<long[]> slots = new ArrayList<>();

        private long pausedUntil = Long.MIN_VALUE;

        Window(int limit) {
            this.limit = limit;
        }

        synchronized Permit acquire() throws InterruptedException {
            while (true) {
                long now = System.nanoTime();
                slots.removeIf(s -> s[0] != Long.MAX_VALUE && now - s[0] >= WINDOW_NANOS);
                long waitNanos;
                if (pausedUntil != Long.MIN_VALUE && pausedUntil - now > 0) {
                    waitNanos = pausedUntil - now;
                } else if (slots.size() < limit) {
                    long[] slot = {Long.MAX_VALUE};
                    slots.add(slot);
                    return () -> release(slot);
                } else {
                    waitNanos = slots.stream()
                            .mapToLong(s -> s[0])
                            .filter(t -> t != Long.MAX_VALUE)
                            .map(t -> t + WINDOW_NANOS - now)
                            .min()
                            .orElse(WINDOW_NANOS);
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(waitNanos, 1_000_000));
            }
        }

        private synchronized void release(long[] slot) {
            slot[0] = System.nanoTime();
            notifyAll();
        }

        synchronized void pause(Duration pause) {
            pausedUntil = System.nanoTime() + pause.toNanos();
        }
    }
}
