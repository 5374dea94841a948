package org.civstart.chaos.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every answer the writers got, attempt by attempt: by status ({@code 0} = no answer: connection
 * refused or reset, timeout), and every 5xx that was not a clean 503 (a JSON error body without a
 * stack trace), with one example.
 */
public final class Answers {

    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong unclean = new AtomicLong();
    private final AtomicReference<String> uncleanExample = new AtomicReference<>();
    private final AtomicReference<String> clientErrorExample = new AtomicReference<>();

    void record(int status, String body) {
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status / 100 == 4) {
            clientErrorExample.compareAndSet(
                    null, status + " " + (body == null ? "" : body.substring(0, Math.min(300, body.length()))));
        }
        if (status >= 500 && !isClean503(status, body)) {
            unclean.incrementAndGet();
            uncleanExample.compareAndSet(
                    null, status + " " + (body == null ? "" : body.substring(0, Math.min(300, body.length()))));
        }
    }

    /** 503 with {@code {"status":503,...}} and nothing that looks like a stack trace. */
    static boolean isClean503(int status, String body) {
        return status == 503
                && body != null
                && body.startsWith("{")
                && body.contains("\"status\":503")
                && !body.contains("Exception")
                && !body.contains("\tat ")
                && !body.contains(".java:");
    }

    public long count(int status) {
        AtomicLong c = byStatus.get(status);
        return c == null ? 0 : c.get();
    }

    /** Attempts answered 5xx other than a clean 503. */
    public long unclean() {
        return unclean.get();
    }

    public String uncleanExample() {
        return uncleanExample.get();
    }

    /** The first 4xx answer (a write is never refused in these scenarios: it names a bug). */
    public String clientErrorExample() {
        return clientErrorExample.get();
    }

    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> m = new TreeMap<>();
        byStatus.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
