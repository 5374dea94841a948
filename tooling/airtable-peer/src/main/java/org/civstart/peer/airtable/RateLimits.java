package org.civstart.peer.airtable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Airtable's limit, per base: 5 requests per second, and nothing during the pause after a 429. A
 * request over the limit is answered 429 and recorded as a violation. Tests may also queue statuses
 * (429, 5xx) that the next requests to a base get instead of an answer.
 */
final class RateLimits {

    private static final class Window {
        final Deque<Long> arrivals = new ArrayDeque<>();
        volatile long penaltyUntil = Long.MIN_VALUE;
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> injected = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile Duration penalty = Duration.ofSeconds(30);

    void penalty(Duration penalty) {
        this.penalty = penalty;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** 429 when the request at {@code now} breaks the limit (and records {@code what} as a violation), else 0. */
    int admit(String baseId, long now, String what) {
        Window window = windows.computeIfAbsent(baseId, b -> new Window());
        synchronized (window) {
            if (now < window.penaltyUntil) {
                violations.add(what + " during the pause after a 429");
                return 429;
            }
            while (!window.arrivals.isEmpty() && now - window.arrivals.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
                window.arrivals.pollFirst();
            }
            if (window.arrivals.size() >= 5) {
                violations.add(what + ": a 6th request within one second");
                window.penaltyUntil = now + penalty.toNanos();
                return 429;
            }
            window.arrivals.addLast(now);
            return 0;
        }
    }

    void failNext(String baseId, int... statuses) {
        Deque<Integer> q = injected.computeIfAbsent(baseId, b -> new ArrayDeque<>());
        synchronized (q) {
            for (int s : statuses) {
                q.add(s);
            }
        }
    }

    /** The next queued status for the base (0: none); an injected 429 starts the pause like a real one. */
    int injected(String baseId, long now) {
        Deque<Integer> q = injected.get(baseId);
        if (q == null) {
            return 0;
        }
        Integer status;
        synchronized (q) {
            status = q.poll();
        }
        if (status == null) {
            return 0;
        }
        if (status == 429) {
            windows.computeIfAbsent(baseId, b -> new Window()).penaltyUntil = now + penalty.toNanos();
        }
        return status;
    }
}
