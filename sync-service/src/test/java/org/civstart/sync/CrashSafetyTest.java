package org.civstart.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.civstart.sync.support.Fixtures.ORGANIZATIONS;
import static org.civstart.sync.support.Fixtures.forKey;
import static org.civstart.sync.support.Fixtures.metric;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.civstart.events.Topic;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.SyncTest;
import org.civstart.sync.webhook.PayloadProcessor;
import org.civstart.testing.EventRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A crash at any point neither skips nor double-applies a change: each payload commits with the
 * cursor, so after a failed transaction or a stop in the middle of a drain, processing resumes from
 * the stored cursor and every record's event is published exactly once.
 */
@SyncTest
class CrashSafetyTest extends AirtableFixture {

    @Inject
    PayloadProcessor processor;

    String webhook;

    @BeforeEach
    void setUp() {
        webhook = registerWebhook(ORGANIZATIONS);
    }

    @AfterEach
    void tearDown() {
        airtable.release();
        airtable.payloadPageSize(50);
        processor.start();
    }

    @Test
    void aTransactionThatFailsMidPayloadLeavesNothingAndIsRetriedFromTheStoredCursor() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            String a = airtable.create(base, ORGANIZATIONS, Map.of("fldOrgName", "A"));
            String b = airtable.create(base, ORGANIZATIONS, Map.of("fldOrgName", "B"));
            String c = airtable.create(base, ORGANIZATIONS, Map.of("fldOrgName", "C"));
            // The database refuses B: payload 2 fails in the middle of its transaction, like a crash there.
            String trigger = "crash_" + b.toLowerCase();
            db.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.record_id = '" + b
                    + "' then raise exception 'simulated crash'; end if; return new; end $$");
            db.execute("create trigger " + trigger + " before insert on airtable_record for each row execute function "
                    + trigger + "()");
            double failedDrains = metric("airtable_drains_failed_total", "");
            try {
                assertThat(airtable.ping(webhook)).isEqualTo(204);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> metric("airtable_drains_failed_total", "") > failedDrains);

                assertThat(cursor(webhook)).isEqualTo(2); // payload 1 committed, payload 2 did not
                assertThat(db.count("select count(*) from airtable_record where record_id in (?, ?)", b, c))
                        .isZero();
                assertThat(db.count("select count(*) from outbox where aggregateid in (?, ?)", b, c))
                        .isZero();
                assertThat(pings(webhook)).isEqualTo(1); // kept: the sweep retries
            } finally {
                db.execute("drop trigger " + trigger + " on airtable_record");
                db.execute("drop function " + trigger + "()");
            }

            // The sweep retries from the stored cursor: B and C arrive, A is not applied again.
            events.await(1, r -> c.equals(r.key()));
            await().atMost(Duration.ofSeconds(10)).until(() -> pings(webhook) == 0);
            assertThat(cursor(webhook)).isEqualTo(4);
            for (String record : List.of(a, b, c)) {
                assertThat(forKey(events.records(), record)).as(record).hasSize(1);
            }
            assertThat(airtable.requests(base))
                    .filteredOn(r -> r.path().endsWith("/payloads"))
                    .extracting(r -> r.query().get("cursor"))
                    .startsWith("1")
                    .contains("2");
        }
    }

    @Test
    void aDrainStoppedBetweenPagesResumesAfterARestartWithoutSkipOrDuplicate() throws Exception {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            airtable.payloadPageSize(2);
            List<String> records = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                records.add(airtable.create(base, ORGANIZATIONS, Map.of("fldOrgName", "org " + i)));
            }
            airtable.holdPayloadRequests(q -> "3".equals(q.get("cursor")));

            assertThat(airtable.ping(webhook)).isEqualTo(204);
            await().atMost(Duration.ofSeconds(20)).until(() -> airtable.waitingRequests() == 1);
            // page 1 (payloads 1-2) is applied; the request for page 2 is in flight: the process dies now
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(processor::stop);
            await().atMost(Duration.ofSeconds(5)).until(() -> stopped.isDone() || airtable.waitingRequests() == 1);
            airtable.release();
            stopped.get();

            assertThat(cursor(webhook)).isEqualTo(3);
            assertThat(db.count("select count(*) from airtable_record where record_id = any(?)", (Object)
                            records.toArray(String[]::new)))
                    .isEqualTo(2);
            assertThat(pings(webhook)).isEqualTo(1);
            // while the service is down a ping still arrives and is persisted
            String late = airtable.create(base, ORGANIZATIONS, Map.of("fldOrgName", "late"));
            records.add(late);
            assertThat(airtable.ping(webhook)).isEqualTo(204);
            assertThat(pings(webhook)).isEqualTo(2);

            processor.start(); // what a restart does: pending pings are drained from the stored cursor

            events.await(records.size(), r -> records.contains(r.key()));
            await().atMost(Duration.ofSeconds(10)).until(() -> pings(webhook) == 0);
            assertThat(cursor(webhook)).isEqualTo(8);
            for (String record : records) {
                assertThat(forKey(events.records(), record)).as(record).hasSize(1);
            }
        }
    }
}
