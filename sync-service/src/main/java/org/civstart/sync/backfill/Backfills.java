package org.civstart.sync.backfill;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.civstart.events.CloudEvent;
import org.civstart.outbox.Acting;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.ConflictException;
import org.civstart.rest.InvalidInputException;
import org.civstart.sync.SyncConfig;
import org.civstart.sync.airtable.AirtableApi;
import org.civstart.sync.airtable.AirtableDtos.AirtableRecord;
import org.civstart.sync.airtable.AirtableDtos.RecordPage;
import org.civstart.sync.domain.Backfill;
import org.civstart.sync.domain.BackfillStatus;
import org.civstart.sync.events.SyncEvents;
import org.civstart.sync.mapping.Mappings;
import org.civstart.sync.mapping.Mappings.TableMapping;
import org.civstart.sync.mirror.RecordMirror;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Full reads of a mapped table through the records API ({@code offset} paging, field ids as keys),
 * at the pace the per-base rate limit allows. Each page is applied in one transaction with the
 * backfill's progress ({@code done}, {@code pages}), through the same {@link RecordMirror} as webhook
 * payloads: new records publish {@code created}, changed ones {@code updated}, identical ones
 * nothing. The end is published as {@code airtable.backfill.completed} (status completed or failed).
 *
 * <p>A backfill does not delete mirrored records missing from the table: a record created by a
 * webhook payload after its page was read would be deleted wrongly. Deletions come from payloads.
 */
@ApplicationScoped
public class Backfills {

    private static final Logger LOG = Logger.getLogger(Backfills.class);
    private static final int PAGE_ATTEMPTS = 3;

    @Inject
    Acting acting;

    @Inject
    AirtableApi api;

    @Inject
    Mappings mappings;

    @Inject
    RecordMirror mirror;

    @Inject
    Event<OutboxEvent> events;

    @Inject
    SyncConfig config;

    private ExecutorService executor;

    void onStart(@Observes StartupEvent ignored) {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "airtable-backfill-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A backfill runs in the process that started it; when that process dies (any replica), its
     * heartbeat goes stale and the backfill is marked failed here, by whichever replica looks first.
     */
    @Scheduled(
            every = "${civstart.sync.airtable.backfill.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failAbandoned() {
        Instant stale = Instant.now().minus(config.backfill().abandonedAfter());
        List<UUID> abandoned = QuarkusTransaction.requiringNew()
                .call(() ->
                        Backfill.<Backfill>list("status = ?1 and heartbeatAt < ?2", BackfillStatus.RUNNING, stale)
                                .stream()
                                .map(b -> b.id)
                                .toList());
        abandoned.forEach(id -> finish(id, "abandoned: the process running it stopped; start a new backfill"));
    }

    void onStop(@Observes ShutdownEvent ignored) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts reading {@code tableId} of {@code baseId}; follow it with {@link #get}. */
    public Backfill start(String baseId, String tableId) {
        TableMapping table = mappings.table(tableId)
                .orElseThrow(() -> new InvalidInputException(
                        "tableId", "is not a mapped table (see civstart.sync.airtable.tables)"));
        Backfill b = QuarkusTransaction.requiringNew().call(() -> {
            if (Backfill.count("baseId = ?1 and tableId = ?2 and status = ?3", baseId, tableId, BackfillStatus.RUNNING)
                    > 0) {
                throw new ConflictException("a backfill of " + baseId + "/" + tableId + " is running");
            }
            Backfill n = new Backfill();
            n.id = UUID.randomUUID();
            n.baseId = baseId;
            n.tableId = tableId;
            n.status = BackfillStatus.RUNNING;
            n.startedAt = Instant.now();
            n.heartbeatAt = n.startedAt;
            n.persist();
            return n;
        });
        LOG.infof(
                "backfill %s of %s/%s (%s) started",
                b.id, baseId, tableId, table.kind().wireName());
        // The records come from Airtable (actor airtable); their events carry the correlation id of the request that
        // started it.
        String correlationId = acting.correlationId() != null ? acting.correlationId() : b.id.toString();
        executor.submit(() -> acting.as(CloudEvent.AIRTABLE_ACTOR, correlationId, () -> run(b.id, baseId, table)));
        return b;
    }

    public Backfill get(UUID id) {
        return Backfill.require(id);
    }

    public List<Backfill> list() {
        return Backfill.list("order by startedAt desc");
    }

    private void run(UUID id, String baseId, TableMapping table) {
        try {
            String offset = null;
            do {
                RecordPage page = api.records(baseId, table.tableId(), offset);
                long done = applyPage(id, baseId, table, page.records());
                LOG.infof("backfill %s of %s/%s: %d records applied", id, baseId, table.tableId(), done);
                offset = page.offset();
            } while (offset != null && !Thread.currentThread().isInterrupted());
            if (Thread.currentThread().isInterrupted()) {
                finish(id, "stopped with the service; start a new backfill");
            } else {
                finish(id, null);
            }
        } catch (RuntimeException e) {
            LOG.errorf("backfill %s of %s/%s failed: %s", id, baseId, table.tableId(), e.toString());
            finish(id, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** One page and the progress in one transaction; retried when it collides with a payload creating the same record. */
    private long applyPage(UUID id, String baseId, TableMapping table, List<AirtableRecord> records) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    Backfill b = Backfill.findForUpdate(id);
                    if (b.status != BackfillStatus.RUNNING) {
                        throw new IllegalStateException("backfill " + id + " was ended meanwhile (" + b.error + ")");
                    }
                    for (AirtableRecord r : records) {
                        mirror.upsert(baseId, table, r.id(), r.createdTime(), r.fields());
                    }
                    b.done += records.size();
                    b.pages++;
                    b.heartbeatAt = Instant.now();
                    return b.done;
                });
            } catch (PersistenceException e) {
                if (attempt >= PAGE_ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("backfill %s: page collided with a concurrent change, retrying: %s", id, e.toString());
            }
        }
    }

    /** Ends the backfill (completed when {@code error} is null) and publishes it. */
    private void finish(UUID id, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            Backfill b = Backfill.findForUpdate(id);
            if (b.status != BackfillStatus.RUNNING) {
                return;
            }
            b.status = error == null ? BackfillStatus.COMPLETED : BackfillStatus.FAILED;
            b.error = error;
            b.total = error == null ? b.done : null;
            b.finishedAt = Instant.now();
            events.fire(SyncEvents.backfillCompleted(b));
            LOG.infof(
                    "backfill %s of %s/%s %s: %d records%s",
                    id, b.baseId, b.tableId, b.status.wireName(), b.done, error == null ? "" : " (" + error + ")");
        });
    }
}
