package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.payload.AirtableSyncData;
import org.civstart.signal.support.Api;
import org.civstart.testing.Db;
import org.civstart.testing.EventPublisher;
import org.civstart.testing.KafkaLog;
import org.civstart.testing.KafkaLog.Ev;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Real catalog events produced onto airtable-sync, exactly as sync-service publishes them. */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class AirtableConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    @Inject
    MeterRegistry registry;

    /** Sends one catalog event (binary-mode CloudEvent, keyed by the Airtable record id) and returns its ce_id. */
    private static String send(
            EventType type, String recordId, String action, Map<String, Object> fields, List<String> changed) {
        String id = UUID.randomUUID().toString();
        send(id, type, recordId, action, fields, changed);
        return id;
    }

    private static void send(
            String ceId,
            EventType type,
            String recordId,
            String action,
            Map<String, Object> fields,
            List<String> changed) {
        String kind = type == EventType.AIRTABLE_SIGNAL_SYNCED
                ? "signal"
                : type == EventType.AIRTABLE_STARTUP_SYNCED ? "startup" : "organization";
        try {
            String data = JSON.writeValueAsString(
                    new AirtableSyncData(kind, action, "appBASE", "tblX", recordId, fields, changed, 0L));
            EventPublisher.send(
                    new CloudEvent(ceId, type.type(), "sync-service", recordId, Instant.now(), null, "admin", data)
                            .withContext(CloudEvent.AIRTABLE_ACTOR, "corr-" + ceId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> awaitSignal(String recordId, String column, Object value) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    List<Map<String, Object>> rows =
                            db.rows("select * from signal where airtable_record_id = ?", recordId);
                    return rows.size() == 1 && Objects.equals(rows.get(0).get(column), value);
                });
        return db.row("select * from signal where airtable_record_id = ?", recordId);
    }

    private static Map<String, Object> signalFields(String title) {
        Map<String, Object> f = new HashMap<>();
        f.put("title", title);
        f.put("summary", "Staff entered this in Airtable");
        f.put("agency", "DOD");
        f.put("sectors", List.of("Defense", "Energy"));
        f.put("tags", List.of("sbir"));
        f.put("poolCost", 4);
        f.put("dueDate", "2031-03-15");
        return f;
    }

    @Test
    void anAirtableSignalBecomesASignalAndARedeliveryChangesNothing() {
        String record = "recSIG" + UUID.randomUUID().toString().substring(0, 8);
        var mark = kafka.mark();
        String ceId = send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "created", signalFields("Microgrid pilot"), null);
        Map<String, Object> row = awaitSignal(record, "title", "Microgrid pilot");
        assertThat(row)
                .containsEntry("source", "airtable")
                .containsEntry("status", "pending_review")
                .containsEntry("agency", "DOD")
                .containsEntry("pool_cost", 4);
        assertThat(row.get("due_date").toString()).isEqualTo("2031-03-15");
        List<Ev> events = kafka.since(mark);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("signal.created");
            assertThat(e.key()).isEqualTo(row.get("id").toString());
            assertThat(e.audience()).isEqualTo("admin");
            assertThat(e.text("airtableRecordId")).isEqualTo(record);
            assertThat(e.text("source")).isEqualTo("airtable");
            assertThat(e.text("signalIdentifier")).isEqualTo(row.get("signal_identifier"));
            assertThat(e.data().get("sectors").toString()).isEqualTo("[\"defense\",\"energy\"]");
            assertThat(e.data().get("version").asLong()).isZero();
            // staff made the change in Airtable; the sync event's correlation id travels on
            assertThat(e.actor()).isEqualTo(CloudEvent.AIRTABLE_ACTOR);
            assertThat(e.correlationId()).isEqualTo("corr-" + ceId);
        });

        var mark2 = kafka.mark();
        // the same event again (at-least-once), even with other content: no second effect
        send(ceId, EventType.AIRTABLE_SIGNAL_SYNCED, record, "created", signalFields("Something else"), null);
        // a new event for a record we already have: an update, never a second signal; same content, no event
        send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "created", signalFields("Microgrid pilot"), null);
        // then a real edit (same key, same partition: processed after the two above)
        Map<String, Object> edit = signalFields("Microgrid pilot");
        edit.put("summary", "Edited in Airtable");
        edit.remove("agency");
        send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "updated", edit, List.of("summary", "agency"));
        Map<String, Object> after = awaitSignal(record, "summary", "Edited in Airtable");
        assertThat(after).containsEntry("title", "Microgrid pilot").containsEntry("agency", null);
        assertThat(db.count("select count(*) from signal where airtable_record_id = ?", record))
                .isEqualTo(1);
        List<Ev> later = kafka.since(mark2);
        assertThat(later).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("signal.updated");
            assertThat(e.data().get("changedFields").toString()).isEqualTo("[\"summary\",\"agency\"]");
            assertThat(e.data().get("version").asLong()).isEqualTo(1);
            assertThat(e.actor()).isEqualTo(CloudEvent.AIRTABLE_ACTOR);
        });
    }

    @Test
    void anAirtableDeletionArchivesThePublishedSignal() {
        String record = "recDEL" + UUID.randomUUID().toString().substring(0, 8);
        send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "created", signalFields("To be deleted"), null);
        UUID id = (UUID) awaitSignal(record, "title", "To be deleted").get("id");
        Api.transition(id, "approved");
        Api.transition(id, "published");
        var mark = kafka.mark();
        send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "deleted", null, null);
        awaitSignal(record, "status", "archived");
        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactly("signal.status-changed", "signal.updated", "signal.removed");
        assertThat(events.get(0).text("previousStatus")).isEqualTo("published");
        assertThat(events.get(2).audience()).isEqualTo("admin,startups");
    }

    @Test
    void airtableStartupsUseTheStartupOperations() {
        String record = "recSTU" + UUID.randomUUID().toString().substring(0, 8);
        var mark = kafka.mark();
        send(
                EventType.AIRTABLE_STARTUP_SYNCED,
                record,
                "created",
                Map.of("name", "Airtable Startup", "sectors", List.of("AI"), "tier", "starter"),
                null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> db.count("select count(*) from startup where airtable_record_id = ?", record) == 1);
        send(
                EventType.AIRTABLE_STARTUP_SYNCED,
                record,
                "updated",
                Map.of("name", "Airtable Startup", "sectors", List.of("AI"), "tier", "growth"),
                List.of("tier"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "growth"
                        .equals(db.row("select tier from startup where airtable_record_id = ?", record)
                                .get("tier")));
        UUID id = (UUID) db.row("select id from startup where airtable_record_id = ?", record)
                .get("id");
        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactlyInAnyOrder("startup.created", "startup.updated", "credits.tier-changed");
        assertThat(events)
                .allMatch(e -> e.key().equals(id.toString()) && e.startupId().equals(id.toString()));
        assertThat(KafkaLog.of(events, EventType.STARTUP_CREATED).get(0).text("airtableRecordId"))
                .isEqualTo(record);
        assertThat(KafkaLog.of(events, EventType.STARTUP_UPDATED)
                        .get(0)
                        .data()
                        .get("changedFields")
                        .toString())
                .isEqualTo("[\"tier\"]");
        assertThat(KafkaLog.of(events, EventType.CREDITS_TIER_CHANGED).get(0).text("tier"))
                .isEqualTo("growth");
    }

    @Test
    void unreadableAndForeignEventsAreSkippedWithoutBlockingThePartition() {
        double before = skipped();
        String record = "recBAD" + UUID.randomUUID().toString().substring(0, 8);
        var mark = kafka.mark();
        // all on one key, so one partition, in this order
        EventPublisher.send(new ProducerRecord<>("airtable-sync", record, "no headers at all"));
        // CloudEvents headers with a ce_time that is no time (SmallRye's own CloudEvents parsing failed the channel
        // here)
        ProducerRecord<String, String> badTime = new CloudEvent(
                        UUID.randomUUID().toString(),
                        EventType.AIRTABLE_SIGNAL_SYNCED.type(),
                        "sync-service",
                        record,
                        Instant.now(),
                        null,
                        "admin",
                        "{}")
                .toRecord("airtable-sync");
        badTime.headers().remove(CloudEvent.TIME).add(CloudEvent.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));
        EventPublisher.send(badTime);
        EventPublisher.send(new CloudEvent(
                        UUID.randomUUID().toString(),
                        "airtable.spaceship.synced",
                        "sync-service",
                        record,
                        Instant.now(),
                        null,
                        "admin",
                        "{}")
                .toRecord("airtable-sync"));
        EventPublisher.send(new CloudEvent(
                        UUID.randomUUID().toString(),
                        EventType.AIRTABLE_SIGNAL_SYNCED.type(),
                        "sync-service",
                        record,
                        Instant.now(),
                        null,
                        "admin",
                        "{not json")
                .toRecord("airtable-sync"));
        Map<String, Object> badDate = signalFields("Bad date");
        badDate.put("dueDate", "next tuesday");
        send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "created", badDate, null);
        send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "created", Map.of("summary", "no title"), null);
        send(EventType.AIRTABLE_STARTUP_SYNCED, record, "created", Map.of("name", "X", "tier", "platinum"), null);
        send(EventType.AIRTABLE_ORGANIZATION_SYNCED, record, "created", Map.of("name", "DARPA"), null);
        send(EventType.AIRTABLE_SIGNAL_SYNCED, record, "created", signalFields("After the bad ones"), null);

        awaitSignal(record, "title", "After the bad ones");
        assertThat(skipped() - before).isEqualTo(7);
        assertThat(db.count("select count(*) from startup where airtable_record_id = ?", record))
                .isZero();
        assertThat(kafka.since(mark)).extracting(Ev::type).containsExactly("signal.created");
    }

    private double skipped() {
        return registry.find("airtable.sync.skipped").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
