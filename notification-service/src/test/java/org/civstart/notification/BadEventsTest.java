package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.testing.Db;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Events that cannot be read are logged, counted, dead-lettered and skipped: the partition goes on. */
@QuarkusTest
@RealPeers
class BadEventsTest {

    private final Db db = Db.application();

    @Test
    void unreadableEventsAreSkippedAndCountedWithoutBlockingThePartition() {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        String key = "k-" + s;
        // all on partition 0 of assignments, in this order
        send(new ProducerRecord<>(
                "assignments", 0, key, "{\"hello\":1}", new RecordHeaders())); // no CloudEvents headers
        // CloudEvents headers with a ce_time that is no time (SmallRye's own CloudEvents parsing failed the channel
        // here)
        CloudEvent badTime = DomainEvents.event(
                EventType.ASSIGNMENT_CREATED, key, s, DomainEvents.assignment(s, "SIG-BAD00", "pending"));
        ProducerRecord<String, String> badTimeRecord = onPartition0(badTime);
        badTimeRecord
                .headers()
                .remove(CloudEvent.TIME)
                .add(CloudEvent.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));
        send(badTimeRecord);
        AssignmentData a = DomainEvents.assignment(s, "SIG-BAD01", "pending");
        CloudEvent unknown = new CloudEvent(
                UUID.randomUUID().toString(),
                "assignment.teleported",
                "signal-service",
                key,
                Instant.now(),
                s.toString(),
                "admin",
                "{}");
        send(onPartition0(unknown));
        CloudEvent notJson = with(DomainEvents.event(EventType.ASSIGNMENT_CREATED, key, s, a), "this is not json");
        send(onPartition0(notJson));
        CloudEvent wrongType = with(
                DomainEvents.event(EventType.ASSIGNMENT_CREATED, key, s, a),
                "{\"assignmentId\":\"" + UUID.randomUUID()
                        + "\",\"startupId\":\"not-a-uuid\",\"signalIdentifier\":\"SIG-BAD01\"}");
        send(onPartition0(wrongType));
        CloudEvent noStartup = with(
                DomainEvents.event(EventType.ASSIGNMENT_CREATED, key, s, a),
                "{\"assignmentId\":\"" + UUID.randomUUID() + "\",\"signalIdentifier\":\"SIG-BAD02\"}");
        send(onPartition0(noStartup));
        AssignmentData good = DomainEvents.assignment(s, "SIG-GOOD01", "pending");
        send(onPartition0(DomainEvents.event(EventType.ASSIGNMENT_CREATED, key, s, good)));

        Inboxes.awaitNotification(token, "/assignments/" + good.assignmentId());
        assertThat(Inboxes.list(token, null).getList("items")).hasSize(1);
        assertThat(db.count(
                        "select count(*) from notification where source_event_id in (?, ?, ?, ?)",
                        badTime.id(),
                        notJson.id(),
                        wrongType.id(),
                        noStartup.id()))
                .isZero();
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("notification_events_skipped_total{reason=\"not-a-cloudevent\"")
                .contains("notification_events_skipped_total{reason=\"unknown-type\"")
                .contains("notification_events_skipped_total{reason=\"malformed-payload\"");
        // the consumer is alive and healthy
        given().get("/q/health/ready").then().statusCode(200);

        // each skipped record is on the dead-letter topic as it came, with why and where from
        List<ConsumerRecord<String, String>> letters = deadLetters(6);
        assertThat(letters)
                .extracting(r -> header(r, "dead-letter-reason"))
                .containsExactly(
                        "not-a-cloudevent",
                        "not-a-cloudevent",
                        "unknown-type",
                        "malformed-payload",
                        "malformed-payload",
                        "malformed-payload");
        assertThat(letters).extracting(r -> header(r, "dead-letter-topic")).containsOnly("assignments");
        assertThat(letters).extracting(r -> header(r, "dead-letter-partition")).containsOnly("0");
        assertThat(letters.get(0).value()).isEqualTo("{\"hello\":1}");
        assertThat(letters)
                .extracting(r -> header(r, CloudEvent.ID))
                .containsExactly(null, badTime.id(), unknown.id(), notJson.id(), wrongType.id(), noStartup.id());
        assertThat(letters).allSatisfy(r -> assertThat(r.key()).isEqualTo(key));
    }

    /** The dead letters this test caused (its x-test header travels with them), waiting until there are {@code count}. */
    private static List<ConsumerRecord<String, String>> deadLetters(int count) {
        Properties p = new Properties();
        p.put("bootstrap.servers", Infrastructure.kafka().bootstrapServers());
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor("notification-service-dead-letters").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if ("bad-events".equals(header(r, "x-test"))) {
                        letters.add(r);
                    }
                }
            }
        }
        letters.sort(Comparator.comparingLong(r -> Long.parseLong(header(r, "dead-letter-offset"))));
        return letters;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static CloudEvent with(CloudEvent e, String data) {
        return new CloudEvent(e.id(), e.type(), e.source(), e.subject(), e.time(), e.startupId(), e.audience(), data);
    }

    private static ProducerRecord<String, String> onPartition0(CloudEvent e) {
        ProducerRecord<String, String> r = e.toRecord("assignments");
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    private static void send(ProducerRecord<String, String> record) {
        record.headers().add("x-test", "bad-events".getBytes(StandardCharsets.UTF_8));
        DomainEvents.send(record);
    }
}
