package org.civstart.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.civstart.sync.support.Fixtures.CONTACTS;
import static org.civstart.sync.support.Fixtures.INTERACTIONS;
import static org.civstart.sync.support.Fixtures.ORGANIZATIONS;
import static org.civstart.sync.support.Fixtures.SIGNALS;
import static org.civstart.sync.support.Fixtures.STARTUPS;
import static org.civstart.sync.support.Fixtures.data;
import static org.civstart.sync.support.Fixtures.fields;
import static org.civstart.sync.support.Fixtures.forKey;
import static org.civstart.sync.support.Fixtures.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.SyncTest;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payloads of every table kind, as Airtable sends them (V2 cell values: selects and links are
 * objects), become mirrored records and {@code airtable.<kind>.synced} events with our field names:
 * create, update (only when a mapped value changed), delete; several pages per ping; error payloads.
 */
@SyncTest
class PayloadProcessingTest extends AirtableFixture {

    String webhook;
    EventRecorder events;

    @BeforeEach
    void setUp() {
        webhook = registerWebhook(null); // every table of the base
        events = EventRecorder.on(Topic.AIRTABLE_SYNC);
    }

    @AfterEach
    void tearDown() {
        events.close();
        airtable.payloadPageSize(50);
    }

    @Test
    void organizationCreatedUpdatedDeleted() {
        lifecycle(
                ORGANIZATIONS,
                EventType.AIRTABLE_ORGANIZATION_SYNCED,
                cells(
                        "fldOrgName",
                        "Acme Civic",
                        "fldOrgWebsite",
                        "https://acme.example",
                        "fldOrgSector",
                        select("Health"),
                        "fldOrgDescription",
                        "Clinics",
                        "fldOrgLocation",
                        "Austin, TX"),
                expected(
                        "name",
                        "Acme Civic",
                        "website",
                        "https://acme.example",
                        "sector",
                        "Health",
                        "description",
                        "Clinics",
                        "location",
                        "Austin, TX"),
                cells("fldOrgSector", select("Energy")),
                "sector",
                "Energy");
    }

    @Test
    void contactCreatedUpdatedDeleted() {
        lifecycle(
                CONTACTS,
                EventType.AIRTABLE_CONTACT_SYNCED,
                cells(
                        "fldContactName",
                        "Dana Ruiz",
                        "fldContactEmail",
                        "dana@acme.example",
                        "fldContactPhone",
                        "+1 512 555 0100",
                        "fldContactOrg",
                        List.of(Map.of("id", "recORG00000000001", "name", "Acme Civic")),
                        "fldContactRole",
                        "CTO"),
                expected(
                        "name",
                        "Dana Ruiz",
                        "email",
                        "dana@acme.example",
                        "phone",
                        "+1 512 555 0100",
                        "organization",
                        "recORG00000000001",
                        "role",
                        "CTO"),
                cells("fldContactRole", "CEO"),
                "role",
                "CEO");
    }

    @Test
    void signalCreatedUpdatedDeletedWithTheFieldsSignalServiceReads() {
        lifecycle(
                SIGNALS,
                EventType.AIRTABLE_SIGNAL_SYNCED,
                cells(
                        "fldSigTitle",
                        "Flood sensors",
                        "fldSigSummary",
                        "County pilot",
                        "fldSigAgency",
                        "FEMA",
                        "fldSigSectors",
                        List.of(select("Climate"), select("IoT")),
                        "fldSigTags",
                        List.of(select("pilot")),
                        "fldSigPoolCost",
                        5.0,
                        "fldSigDueDate",
                        "2025-09-01T00:00:00.000Z"),
                expected(
                        "title",
                        "Flood sensors",
                        "summary",
                        "County pilot",
                        "agency",
                        "FEMA",
                        "sectors",
                        List.of("Climate", "IoT"),
                        "tags",
                        List.of("pilot"),
                        "poolCost",
                        5,
                        "dueDate",
                        "2025-09-01"),
                cells("fldSigSectors", List.of(select("Climate"))),
                "sectors",
                List.of("Climate"));
    }

    @Test
    void startupCreatedUpdatedDeletedWithItsTier() {
        lifecycle(
                STARTUPS,
                EventType.AIRTABLE_STARTUP_SYNCED,
                cells(
                        "fldStartupName",
                        "FloodWatch",
                        "fldStartupSectors",
                        List.of(select("Climate")),
                        "fldStartupTier",
                        select("Growth")),
                expected("name", "FloodWatch", "sectors", List.of("Climate"), "tier", "growth"),
                cells("fldStartupTier", select("Enterprise")),
                "tier",
                "enterprise");
    }

    @Test
    void interactionCreatedUpdatedDeleted() {
        lifecycle(
                INTERACTIONS,
                EventType.AIRTABLE_INTERACTION_SYNCED,
                cells(
                        "fldIntContact",
                        List.of(Map.of("id", "recCON00000000001", "name", "Dana")),
                        "fldIntOrg",
                        List.of(Map.of("id", "recORG00000000001", "name", "Acme")),
                        "fldIntDate",
                        "2025-05-02",
                        "fldIntType",
                        select("Call"),
                        "fldIntNotes",
                        "Intro call"),
                expected(
                        "contact",
                        "recCON00000000001",
                        "organization",
                        "recORG00000000001",
                        "date",
                        "2025-05-02",
                        "type",
                        "Call",
                        "notes",
                        "Intro call"),
                cells("fldIntNotes", "Intro call; follow-up booked"),
                "notes",
                "Intro call; follow-up booked");
    }

    /**
     * Create, a no-op update (same value, and an unmapped field), a real update of one field, delete:
     * three events with the expected action, fields and changedFields; the mirror follows.
     */
    private void lifecycle(
            String table,
            EventType type,
            Map<String, Object> createCells,
            Map<String, Object> expectedFields,
            Map<String, Object> updateCells,
            String changedField,
            Object changedValue) {
        String record = airtable.create(base, table, createCells);
        assertThat(airtable.ping(webhook)).isEqualTo(204);
        ConsumerRecord<String, String> created =
                events.await(1, r -> record.equals(r.key())).get(0);
        assertThat(type(created)).isEqualTo(type.type());
        assertThat(data(created))
                .containsEntry("action", "created")
                .containsEntry("kind", type.type().split("\\.")[1]);
        assertThat(fields(created)).containsExactlyInAnyOrderEntriesOf(expectedFields);
        assertThat(db.count("select count(*) from airtable_record where record_id = ?", record))
                .isEqualTo(1);

        // nothing we publish changed: no event
        Map<String, Object> same = new HashMap<>();
        same.put(
                createCells.keySet().iterator().next(),
                createCells.values().iterator().next());
        airtable.update(base, table, record, same);
        airtable.update(base, table, record, Map.of("fldUnmapped", "staff note"));
        airtable.update(base, table, record, updateCells);
        assertThat(airtable.ping(webhook)).isEqualTo(204);
        ConsumerRecord<String, String> updated =
                events.await(2, r -> record.equals(r.key())).get(1);
        assertThat(data(updated))
                .containsEntry("action", "updated")
                .containsEntry("changedFields", List.of(changedField));
        Map<String, Object> after = new LinkedHashMap<>(expectedFields);
        after.put(changedField, changedValue);
        assertThat(fields(updated)).containsExactlyInAnyOrderEntriesOf(after);

        airtable.delete(base, table, record);
        assertThat(airtable.ping(webhook)).isEqualTo(204);
        ConsumerRecord<String, String> deleted =
                events.await(3, r -> record.equals(r.key())).get(2);
        assertThat(data(deleted))
                .containsEntry("action", "deleted")
                .containsEntry("airtableRecordId", record)
                .containsEntry("changedFields", List.of());
        assertThat(fields(deleted)).containsExactlyInAnyOrderEntriesOf(after);
        assertThat(db.count("select count(*) from airtable_record where record_id = ?", record))
                .isZero();

        // what a client reconciles on: the mirror's version, staff in Airtable as the actor, the payload as correlation
        // id
        assertThat(List.of(created, updated, deleted))
                .extracting(r -> ((Number) data(r).get("version")).longValue())
                .containsExactly(0L, 1L, 2L);
        assertThat(List.of(created, updated, deleted))
                .extracting(r -> CloudEvent.of(r).actor())
                .containsOnly("airtable");
        assertThat(List.of(created, updated, deleted))
                .extracting(r -> CloudEvent.of(r).correlationId())
                .containsExactly(
                        "airtable:" + webhook + ":1", "airtable:" + webhook + ":4", "airtable:" + webhook + ":5");

        await().atMost(Duration.ofSeconds(10)).until(() -> pings(webhook) == 0);
        assertThat(forKey(events.records(), record)).hasSize(3);
        assertThat(cursor(webhook)).isEqualTo(6); // 5 payloads applied
    }

    @Test
    void oneMaxPageOfPayloadsPerRequestIsReadToTheEndInOrder() {
        airtable.payloadPageSize(2);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(airtable.create(base, SIGNALS, Map.of("fldSigTitle", "signal " + i)));
        }
        airtable.update(base, SIGNALS, records.get(0), Map.of("fldSigTitle", "signal 0, renamed"));

        assertThat(airtable.ping(webhook)).isEqualTo(204);

        events.await(6, r -> records.contains(r.key()));
        assertThat(records)
                .allSatisfy(r -> assertThat(forKey(events.records(), r)).isNotEmpty());
        List<ConsumerRecord<String, String>> first = forKey(events.records(), records.get(0));
        assertThat(first).extracting(r -> data(r).get("action")).containsExactly("created", "updated");
        assertThat(cursor(webhook)).isEqualTo(7);
        assertThat(airtable.requests(base))
                .filteredOn(r -> r.path().endsWith("/payloads"))
                .extracting(r -> r.query().get("cursor"))
                .containsExactly("1", "3", "5");
    }

    @Test
    void anErrorPayloadFailsTheWebhookAndTellsStaff() {
        String before = airtable.create(base, STARTUPS, Map.of("fldStartupName", "Before"));
        airtable.errorPayload(webhook, "INVALID_FILTERS");
        String after = airtable.create(base, STARTUPS, Map.of("fldStartupName", "After"));

        assertThat(airtable.ping(webhook)).isEqualTo(204);

        ConsumerRecord<String, String> failed =
                events.await(1, r -> webhook.equals(r.key())).get(0);
        assertThat(type(failed)).isEqualTo(EventType.AIRTABLE_WEBHOOK_FAILED.type());
        assertThat(data(failed))
                .containsEntry("baseId", base)
                .containsEntry("webhookId", webhook)
                .containsEntry("status", "failed");
        assertThat((String) data(failed).get("error")).contains("INVALID_FILTERS");
        assertThat(forKey(events.records(), before)).hasSize(1);
        assertThat(db.count("select count(*) from airtable_record where record_id = ?", after))
                .isZero();
        assertThat(cursor(webhook)).isEqualTo(3); // the error payload is consumed, nothing after it

        given().auth()
                .oauth2(TestTokens.admin())
                .get("/admin/airtable/webhooks/" + webhook)
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("lastError", containsString("INVALID_FILTERS"));
        given().get("/q/health/well").then().statusCode(503).body(containsString(webhook));

        // a failed webhook's later pings are acknowledged, not stored, and fetch nothing
        long payloadRequests = airtable.requests(base).stream()
                .filter(r -> r.path().endsWith("/payloads"))
                .count();
        assertThat(airtable.ping(webhook)).isEqualTo(204);
        assertThat(pings(webhook)).isZero();
        assertThat(airtable.requests(base).stream()
                        .filter(r -> r.path().endsWith("/payloads"))
                        .count())
                .isEqualTo(payloadRequests);
    }

    private static Map<String, Object> select(String name) {
        return Map.of("id", "sel" + Math.abs(name.hashCode()), "name", name, "color", "blueLight2");
    }

    private static Map<String, Object> cells(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> expected(Object... pairs) {
        return cells(pairs);
    }
}
