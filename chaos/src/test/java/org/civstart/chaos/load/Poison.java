package org.civstart.chaos.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;

/**
 * Records no consumer can use, published straight to the platform's topics in the partitions of
 * live aggregates (so a consumer that stopped at one would visibly stall that partition): values
 * that are no CloudEvent at all, a CloudEvent with an unreadable time, unparsable JSON, JSON that is
 * not the type's payload, a type the catalog does not know.
 */
public final class Poison {

    /** One poison record and what each consumer should call it. */
    public record Pill(
            String topic, String what, String gatewayReason, String notificationReason, boolean signalSkips) {}

    private Poison() {}

    /** Publishes the pills, keyed by {@code key} (a live startup id), and returns them. */
    public static List<Pill> publish(String bootstrapServers, String key) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("acks", "all");
        List<Pill> pills = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            send(
                    producer,
                    pills,
                    new ProducerRecord<>("credits", key, "not a cloudevent {"),
                    new Pill("credits", "no CloudEvent headers", "not-a-cloudevent", "not-a-cloudevent", false));
            ProducerRecord<String, String> badTime =
                    event("credits", key, "credits.updated", "{\"startupId\":\"" + key + "\"}");
            badTime.headers().remove(CloudEvent.TIME);
            badTime.headers().add(CloudEvent.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));
            send(
                    producer,
                    pills,
                    badTime,
                    new Pill("credits", "ce_time not a time", "not-a-cloudevent", "not-a-cloudevent", false));
            send(
                    producer,
                    pills,
                    event("credits", key, "credits.updated", "{\"startupId\": "),
                    new Pill("credits", "payload not JSON", "malformed-payload", "malformed-payload", false));
            send(
                    producer,
                    pills,
                    event("credits", key, "credits.updated", "{\"startupId\":\"not-a-uuid\",\"balance\":\"lots\"}"),
                    new Pill("credits", "JSON but not the payload record", null, "malformed-payload", false));
            send(
                    producer,
                    pills,
                    event("credits", key, "credits.exploded", "{}"),
                    new Pill("credits", "type not in the catalog", "unknown-type", "unknown-type", false));
            send(
                    producer,
                    pills,
                    new ProducerRecord<>("airtable-sync", key, "\u0000\u0001binary"),
                    new Pill("airtable-sync", "no CloudEvent headers", "not-a-cloudevent", "not-a-cloudevent", true));
            ProducerRecord<String, String> badSyncTime = event("airtable-sync", key, "airtable.signal.synced", "{}");
            badSyncTime.headers().remove(CloudEvent.TIME);
            badSyncTime.headers().add(CloudEvent.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));
            send(
                    producer,
                    pills,
                    badSyncTime,
                    new Pill("airtable-sync", "ce_time not a time", "not-a-cloudevent", "not-a-cloudevent", true));
            send(
                    producer,
                    pills,
                    event("airtable-sync", key, "airtable.signal.synced", "{\"recordId\": 42"),
                    new Pill("airtable-sync", "payload not JSON", "malformed-payload", null, true));
        }
        return pills;
    }

    private static ProducerRecord<String, String> event(String topic, String key, String type, String value) {
        CloudEvent e = new CloudEvent(
                UUID.randomUUID().toString(), type, "chaos-poison", key, Instant.now(), null, "admin", value);
        return e.toRecord(topic);
    }

    private static void send(
            KafkaProducer<String, String> producer, List<Pill> pills, ProducerRecord<String, String> r, Pill pill)
            throws Exception {
        producer.send(r).get(30, TimeUnit.SECONDS);
        pills.add(pill);
    }
}
