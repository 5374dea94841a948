package org.civstart.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.civstart.sync.support.Fixtures.SIGNALS;
import static org.civstart.sync.support.Fixtures.data;
import static org.civstart.sync.support.Fixtures.fields;
import static org.civstart.sync.support.Fixtures.metric;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.SyncTest;
import org.civstart.testing.EventRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /webhooks/airtable: Airtable's signed pings in, payloads fetched, records mirrored, events out; everything else refused. */
@SyncTest
class PingEndpointTest extends AirtableFixture {

    String webhook;

    @BeforeEach
    void setUp() {
        webhook = registerWebhook(SIGNALS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSignedPingFetchesThePayloadsMirrorsTheRecordAndPublishesItsEvent() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            String record = airtable.create(
                    base,
                    SIGNALS,
                    Map.of(
                            "fldSigTitle",
                            "Bridge sensor retrofit",
                            "fldSigSummary",
                            "State DOT seeks pilots",
                            "fldSigAgency",
                            Map.of("id", "selA", "name", "DOT", "color", "blue"),
                            "fldSigSectors",
                            List.of(
                                    Map.of("id", "sel1", "name", "Infrastructure", "color", "red"),
                                    Map.of("id", "sel2", "name", "IoT", "color", "green")),
                            "fldSigTags",
                            List.of("sensors"),
                            "fldSigPoolCost",
                            3,
                            "fldSigDueDate",
                            "2025-06-30",
                            "fldUnmapped",
                            "ignored"));

            assertThat(airtable.ping(webhook)).isEqualTo(204);

            ConsumerRecord<String, String> event =
                    events.await(1, r -> record.equals(r.key())).get(0);
            assertThat(CloudEvent.header(event.headers(), CloudEvent.TYPE))
                    .isEqualTo(EventType.AIRTABLE_SIGNAL_SYNCED.type());
            assertThat(CloudEvent.header(event.headers(), CloudEvent.AUDIENCE)).isEqualTo("admin");
            Map<String, Object> data = data(event);
            assertThat(data)
                    .containsEntry("kind", "signal")
                    .containsEntry("action", "created")
                    .containsEntry("baseId", base)
                    .containsEntry("tableId", SIGNALS)
                    .containsEntry("airtableRecordId", record);
            assertThat(fields(event))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "title",
                            "Bridge sensor retrofit",
                            "summary",
                            "State DOT seeks pilots",
                            "agency",
                            "DOT",
                            "sectors",
                            List.of("Infrastructure", "IoT"),
                            "tags",
                            List.of("sensors"),
                            "poolCost",
                            3,
                            "dueDate",
                            "2025-06-30"));
            assertThat((List<Object>) data.get("changedFields"))
                    .containsExactlyInAnyOrder("title", "summary", "agency", "sectors", "tags", "poolCost", "dueDate");

            assertThat(db.count("select count(*) from airtable_record where record_id = ? and kind = 'signal'", record))
                    .isEqualTo(1);
            assertThat(cursor(webhook)).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> pings(webhook) == 0);
            // the peer was asked for payloads from cursor 1 with our token
            assertThat(airtable.requests(base)).anySatisfy(r -> {
                assertThat(r.path()).isEqualTo("/v0/bases/" + base + "/webhooks/" + webhook + "/payloads");
                assertThat(r.query()).containsEntry("cursor", "1");
                assertThat(r.status()).isEqualTo(200);
            });
        }
    }

    @Test
    void aMissingOrWrongMacIsRefusedWith401CountedAndNothingIsStored() {
        airtable.create(base, SIGNALS, Map.of("fldSigTitle", "never fetched"));
        byte[] body = pingBody(base, webhook);
        byte[] secret = airtable.webhook(webhook).secret;
        double refusedBefore = metric("airtable_pings_total", "outcome=\"bad_mac\"")
                + metric("airtable_pings_total", "outcome=\"missing_mac\"")
                + metric("airtable_pings_total", "outcome=\"unknown_webhook\"");
        long requestsBefore = airtable.requests(base).size();

        assertThat(airtable.send(body, null)).as("no MAC header").isEqualTo(401);
        assertThat(airtable.send(body, "")).as("empty MAC header").isEqualTo(401);
        assertThat(airtable.send(body, "hmac-sha256=" + "00".repeat(32)))
                .as("wrong MAC")
                .isEqualTo(401);
        assertThat(airtable.send(body, "hmac-sha256=zz")).as("not hex").isEqualTo(401);
        assertThat(airtable.send(body, FakeAirtable.mac(secret, body).replace("hmac-sha256=", "hmac-sha1=")))
                .as("other scheme")
                .isEqualTo(401);
        assertThat(airtable.send(body, FakeAirtable.mac("another secret".getBytes(StandardCharsets.UTF_8), body)))
                .as("other key")
                .isEqualTo(401);
        // keyed with the base64 TEXT instead of the decoded secret bytes: a classic mistake, refused
        assertThat(airtable.send(
                        body,
                        FakeAirtable.mac(
                                airtable.webhook(webhook).macSecretBase64().getBytes(StandardCharsets.UTF_8), body)))
                .as("key not base64-decoded")
                .isEqualTo(401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("\"timestamp\":\"", "\"timestamp\":\"1")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(airtable.send(tampered, FakeAirtable.mac(secret, body)))
                .as("body changed after signing")
                .isEqualTo(401);
        byte[] unknown = pingBody(base, "achUNKNOWN00000000");
        assertThat(airtable.send(unknown, FakeAirtable.mac(secret, unknown)))
                .as("unknown webhook")
                .isEqualTo(401);
        byte[] otherBase = pingBody(FakeAirtable.newBaseId(), webhook);
        assertThat(airtable.send(otherBase, FakeAirtable.mac(secret, otherBase)))
                .as("webhook of another base")
                .isEqualTo(401);

        assertThat(pings(webhook)).isZero();
        assertThat(cursor(webhook)).isEqualTo(1);
        assertThat(airtable.requests(base)).hasSize((int) requestsBefore); // no payloads were fetched
        double refusedAfter = metric("airtable_pings_total", "outcome=\"bad_mac\"")
                + metric("airtable_pings_total", "outcome=\"missing_mac\"")
                + metric("airtable_pings_total", "outcome=\"unknown_webhook\"");
        assertThat(refusedAfter - refusedBefore).isEqualTo(10);
    }

    @Test
    void malformedJsonAndHugeBodiesAre4xxAndNothingIsStored() {
        byte[] secret = airtable.webhook(webhook).secret;
        long allPings = db.count("select count(*) from airtable_ping");

        for (String bad : List.of(
                "{not json",
                "[]",
                "null",
                "{\"webhook\":{}}",
                "{\"base\":{\"id\":\"" + base + "\"}}",
                "{\"base\":{\"id\":1},\"webhook\":{\"id\":2}}",
                "")) {
            byte[] body = bad.getBytes(StandardCharsets.UTF_8);
            assertThat(airtable.send(body, FakeAirtable.mac(secret, body)))
                    .as(bad)
                    .isEqualTo(400);
        }
        // a valid ping padded to 200 KB, correctly signed: refused for its size
        byte[] huge = ("{\"base\":{\"id\":\"" + base + "\"},\"webhook\":{\"id\":\"" + webhook + "\"},\"padding\":\""
                        + "x".repeat(200_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(airtable.send(huge, FakeAirtable.mac(secret, huge))).isEqualTo(413);

        assertThat(db.count("select count(*) from airtable_ping")).isEqualTo(allPings);
        assertThat(cursor(webhook)).isEqualTo(1);
    }

    static byte[] pingBody(String baseId, String webhookId) {
        return ("{\"base\":{\"id\":\"" + baseId + "\"},\"webhook\":{\"id\":\"" + webhookId + "\"},\"timestamp\":\""
                        + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
