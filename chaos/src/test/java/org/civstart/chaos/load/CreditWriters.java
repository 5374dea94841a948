package org.civstart.chaos.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Concurrent REST writers, the way a careful SPA writes: credit adjustments to signal-service
 * ({@code POST /api/startups/{id}/credits/adjustments}), each with its own {@code Idempotency-Key},
 * retried with the same key after any failure (no answer, 5xx) until it gets a 2xx. Each startup
 * belongs to one writer thread, which alternates +10 and -10 on it, so the balance goes 10, 0, 10, 0
 * … and every -10 takes it below notification-service's "credits low" threshold (5): one
 * notification per -10, exactly once.
 *
 * <p>Every write commits one ledger row and one {@code credits.updated} event (key = the startup,
 * payload {@code version} one more per write), which is what the checks look for.
 */
public final class CreditWriters implements AutoCloseable {

    public static final long AMOUNT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String token;
    private final List<UUID> startups;
    private final int threads;
    private final long intervalNanos;
    private final long limit;
    private final Answers answers = new Answers();
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong nextSlot = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param ratePerSecond writes per second over all threads (0: as fast as they go)
     * @param limit writes in total (Long.MAX_VALUE: until {@link #stop()})
     */
    public CreditWriters(
            String baseUrl, String adminToken, List<UUID> startups, int threads, double ratePerSecond, long limit) {
        this.baseUrl = baseUrl;
        this.token = adminToken;
        this.startups = startups;
        this.threads = Math.min(threads, startups.size());
        this.intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1e9 / ratePerSecond);
        this.limit = limit;
    }

    public CreditWriters start() {
        nextSlot.set(System.nanoTime());
        for (int t = 0; t < threads; t++) {
            List<UUID> own = new ArrayList<>();
            for (int i = t; i < startups.size(); i += threads) {
                own.add(startups.get(i));
            }
            Thread w = new Thread(() -> run(own), "writer-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        return this;
    }

    private void run(List<UUID> own) {
        long[] next = new long[own.size()];
        Arrays.fill(next, AMOUNT);
        for (int i = 0; !stopping; i = (i + 1) % own.size()) {
            if (started.incrementAndGet() > limit) {
                return;
            }
            pace();
            Write w = write(own.get(i), next[i]);
            writes.add(w);
            if (!w.succeeded()) {
                return; // a write that never got a 2xx: the balance is unknown, this writer stops
            }
            next[i] = -next[i];
        }
    }

    private void pace() {
        if (intervalNanos == 0) {
            return;
        }
        long slot = nextSlot.getAndAdd(intervalNanos);
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** One write, retried with the same key until a 2xx (or a 4xx, which no retry changes), or GIVE_UP. */
    private Write write(UUID startup, long amount) {
        String key = UUID.randomUUID().toString();
        String body = "{\"amount\":" + amount + ",\"reason\":\"chaos\"}";
        long t0 = System.nanoTime();
        long backoff = 50;
        for (int attempt = 1; ; attempt++) {
            int status = 0;
            String answer = null;
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl + "/api/startups/" + startup + "/credits/adjustments"))
                                .timeout(Duration.ofSeconds(15))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                answer = r.body();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Write(key, startup, amount, 0, null, attempt, t0, 0);
            }
            answers.record(status, answer);
            if (status / 100 == 2) {
                return new Write(key, startup, amount, status, ledgerEntryId(answer), attempt, t0, System.nanoTime());
            }
            if (status / 100 == 4 || System.nanoTime() - t0 > GIVE_UP.toNanos()) {
                return new Write(key, startup, amount, status, null, attempt, t0, System.nanoTime());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
            backoff = Math.min(1000, backoff * 2);
        }
    }

    private static UUID ledgerEntryId(String body) {
        try {
            JsonNode id = JSON.readTree(body).get("id");
            return id == null ? null : UUID.fromString(id.asText());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Writes finished so far. */
    public long completed() {
        return writes.size();
    }

    /** Lets every writer finish its current write (retrying until it is answered) and stop. */
    public void stop() throws InterruptedException {
        stopping = true;
        awaitDone();
    }

    /** Waits until every writer has stopped (after its limit, or after {@link #stop()}). */
    public void awaitDone() throws InterruptedException {
        for (Thread w : workers) {
            w.join();
        }
    }

    public boolean done() {
        return workers.stream().noneMatch(Thread::isAlive);
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public Answers answers() {
        return answers;
    }

    /** The first 2xx answered after {@code nanos} (System.nanoTime), or -1. */
    public long firstSuccessAfter(long nanos) {
        return writes.stream()
                .filter(w -> w.succeeded() && w.answeredNanos() > nanos)
                .mapToLong(Write::answeredNanos)
                .min()
                .orElse(-1);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
