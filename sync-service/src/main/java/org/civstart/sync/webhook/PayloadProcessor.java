package org.civstart.sync.webhook;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.civstart.events.CloudEvent;
import org.civstart.outbox.Acting;
import org.civstart.sync.SyncConfig;
import org.civstart.sync.airtable.AirtableApi;
import org.civstart.sync.airtable.AirtableDtos.Payload;
import org.civstart.sync.airtable.AirtableDtos.PayloadPage;
import org.civstart.sync.airtable.AirtableRejectedException;
import org.civstart.sync.domain.Ping;
import org.civstart.sync.domain.Webhook;
import org.civstart.sync.domain.WebhookStatus;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Reads and applies the payloads that stored pings announce, off the request thread.
 *
 * <p><b>Durability.</b> A ping row stays until a drain that started after it has read the
 * webhook's payloads to the end ({@code mightHaveMore: false}); only then are the pings up to that
 * point deleted. Each payload is applied with its cursor in one transaction ({@link PayloadApplier}).
 * So a crash anywhere leaves either the ping (and the drain is redone from the stored cursor) or
 * nothing to do. Pending pings are picked up at startup and by a periodic sweep, which also retries
 * drains that failed (Airtable unreachable, a database error).
 *
 * <p><b>Concurrency.</b> One webhook is drained by one thread at a time; pings that arrive meanwhile
 * coalesce into one more drain. Replicas may drain the same webhook at once: the applier's cursor
 * check under a row lock keeps every payload applied exactly once.
 */
@ApplicationScoped
public class PayloadProcessor {

    private static final Logger LOG = Logger.getLogger(PayloadProcessor.class);

    @Inject
    Tracer tracer;

    @Inject
    Acting acting;

    @Inject
    AirtableApi api;

    @Inject
    PayloadApplier applier;

    @Inject
    Webhooks webhooks;

    @Inject
    SyncConfig config;

    @Inject
    MeterRegistry registry;

    private final ConcurrentHashMap<String, Drain> drains = new ConcurrentHashMap<>();
    private volatile ExecutorService executor;
    /** Bumped by every start and stop: a drain of an older generation stops before its next step. */
    private volatile long generation;

    void onStart(@Observes StartupEvent ignored) {
        start();
    }

    void onStop(@Observes ShutdownEvent ignored) {
        stop();
    }

    /** Starts the drain threads and drains every webhook with pending pings (what a restart does). */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        generation++;
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(config.processing().threads(), r -> {
            Thread t = new Thread(r, "airtable-drain-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        sweep();
    }

    /** Stops at once, interrupting drains in flight (what a crash does; committed payloads stay applied). */
    public synchronized void stop() {
        ExecutorService e = executor;
        executor = null;
        generation++;
        if (e != null) {
            e.shutdownNow();
            try {
                e.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        drains.clear();
    }

    /** A ping for {@code webhookId} was stored: drain it soon. */
    public void request(String webhookId) {
        ExecutorService e = executor;
        if (e == null) {
            return; // stopped: the sweep after start() finds the ping
        }
        Drain d = drains.computeIfAbsent(webhookId, Drain::new);
        d.dirty.set(true);
        if (d.scheduled.compareAndSet(false, true)) {
            submit(e, d);
        }
    }

    /** Drains every webhook that has pending pings and is not being drained now. */
    @Scheduled(
            every = "${civstart.sync.airtable.processing.retry-after}",
            delayed = "${civstart.sync.airtable.processing.retry-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (executor == null) {
            return;
        }
        List<String> pending = QuarkusTransaction.requiringNew()
                .call(() -> Ping.<Ping>find("select distinct p.webhookId from Ping p")
                        .project(String.class)
                        .list());
        pending.stream()
                .filter(id ->
                        !drains.containsKey(id) || !drains.get(id).scheduled.get())
                .forEach(this::request);
    }

    private void submit(ExecutorService e, Drain d) {
        try {
            e.submit(() -> run(d));
        } catch (RejectedExecutionException stopped) {
            d.scheduled.set(false);
        }
    }

    private void run(Drain d) {
        long gen = generation;
        try {
            while (d.dirty.getAndSet(false) && !Thread.currentThread().isInterrupted()) {
                // one trace per drain: the Airtable API calls it makes and the events it publishes
                Span span = tracer.spanBuilder("drain airtable webhook")
                        .setNoParent()
                        .setAttribute("airtable.webhook.id", d.webhookId)
                        .startSpan();
                try (Scope ignored = span.makeCurrent()) {
                    drain(d.webhookId, gen);
                } catch (RuntimeException e) {
                    span.recordException(e);
                    span.setStatus(StatusCode.ERROR);
                    throw e;
                } finally {
                    span.end();
                }
            }
        } catch (RuntimeException e) {
            registry.counter("airtable.drains.failed").increment();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.warnf("draining Airtable webhook %s failed, the sweep tries again: %s", d.webhookId, root.toString());
        } finally {
            d.scheduled.set(false);
            ExecutorService e = executor;
            if (d.dirty.get() && e != null && d.scheduled.compareAndSet(false, true)) {
                submit(e, d);
            }
        }
    }

    /** Reads the webhook's payloads from its stored cursor to the end, applying each; then drops the pings it answered. */
    void drain(String webhookId, long gen) {
        record Start(Webhook webhook, Long lastPing) {}
        Start start = QuarkusTransaction.requiringNew()
                .call(() -> new Start(
                        Webhook.findById(webhookId),
                        Ping.find("select max(p.id) from Ping p where p.webhookId = ?1", webhookId)
                                .project(Long.class)
                                .firstResult()));
        if (start.lastPing() == null) {
            return;
        }
        Webhook w = start.webhook();
        if (w != null && w.isActive()) {
            try {
                readToEnd(w, gen);
            } catch (AirtableRejectedException e) {
                QuarkusTransaction.requiringNew()
                        .run(() -> webhooks.markFailed(
                                webhookId, WebhookStatus.FAILED, "list payloads refused: " + e.getMessage()));
            }
        }
        QuarkusTransaction.requiringNew()
                .run(() -> Ping.delete("webhookId = ?1 and id <= ?2", webhookId, start.lastPing()));
    }

    private void readToEnd(Webhook w, long gen) {
        long cursor = w.cursor;
        while (true) {
            checkRunning(gen, w.id);
            PayloadPage page = api.payloads(w.baseId, w.id, cursor);
            List<Payload> payloads = page.payloads();
            int n = payloads.size();
            for (int i = 0; i < n; i++) {
                checkRunning(gen, w.id);
                long number = page.cursor() - n + i;
                Payload payload = payloads.get(i);
                // Staff changed it in Airtable; the payload's place in the webhook's stream is the correlation id.
                PayloadApplier.Result result = acting.as(
                        CloudEvent.AIRTABLE_ACTOR,
                        correlationId(w.id, number),
                        () -> applier.apply(w.id, number, payload));
                if (result == PayloadApplier.Result.WEBHOOK_FAILED
                        || result == PayloadApplier.Result.WEBHOOK_INACTIVE) {
                    return;
                }
            }
            if (n == 0 && page.cursor() > cursor) {
                applier.advanceTo(w.id, page.cursor());
            }
            cursor = page.cursor();
            if (!page.mightHaveMore()) {
                return;
            }
        }
    }

    /** The correlation id of the events of one payload: {@code airtable:<webhook id>:<payload number>}. */
    static String correlationId(String webhookId, long payloadNumber) {
        return CloudEvent.AIRTABLE_ACTOR + ":" + webhookId + ":" + payloadNumber;
    }

    private void checkRunning(long gen, String webhookId) {
        if (gen != generation || Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("stopped while draining " + webhookId);
        }
    }

    private static final class Drain {
        final String webhookId;
        final AtomicBoolean dirty = new AtomicBoolean();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Drain(String webhookId) {
            this.webhookId = webhookId;
        }
    }
}
