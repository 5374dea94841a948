package org.civstart.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.Peers;
import org.civstart.testing.Db;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A burst of assignments for many startups: every notification arrives, each startup user's counts
 * arrive in order (1, 2, …, n), and every email is sent. Prints the latencies (nothing timed is asserted).
 */
@QuarkusTest
@RealPeers
class BurstTest {

    static final int STARTUPS = 20;
    static final int PER_STARTUP = 15;

    private final Db db = Db.application();

    @Inject
    ObjectMapper json;

    @Test
    void aBurstOfAssignmentsKeepsEveryInboxCountInOrder() throws Exception {
        List<UUID> startups = new ArrayList<>();
        for (int i = 0; i < STARTUPS; i++) {
            UUID s = UUID.randomUUID();
            startups.add(s);
            Inboxes.putPreferences(TestTokens.startup(s), Map.of("email", "burst-" + s + "@acme.test"));
        }
        Map<String, Long> sentAt = new HashMap<>();
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            long start = System.currentTimeMillis();
            for (int n = 0; n < PER_STARTUP; n++) {
                for (UUID s : startups) {
                    AssignmentData a = DomainEvents.assignment(s, "SIG-B" + n, "pending");
                    sentAt.put("/assignments/" + a.assignmentId(), System.currentTimeMillis());
                    DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), s, a);
                }
            }
            long produced = System.currentTimeMillis();
            int total = STARTUPS * PER_STARTUP;
            List<ConsumerRecord<String, String>> created =
                    recorder.await(total, r -> isType(r, EventType.NOTIFICATION_NEW) && sentAt.containsKey(link(r)));
            long allIn = System.currentTimeMillis();

            for (UUID s : startups) {
                List<Long> counts = recorder.records().stream()
                        .filter(r -> isType(r, EventType.NOTIFICATION_COUNT_CHANGED)
                                && r.key().equals("user-of-" + s))
                        .map(this::unreadCount)
                        .toList();
                assertThat(counts)
                        .as("unread counts of %s in arrival order", s)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, PER_STARTUP).boxed().toList());
            }

            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> db.count(
                                    "select count(*) from delivery where recipient like 'startup:%' and status = 'sent' and address like 'burst-%'")
                            >= total);
            long emailed = System.currentTimeMillis();

            List<Long> toKafka = new ArrayList<>();
            for (ConsumerRecord<String, String> r : created) {
                toKafka.add(r.timestamp() - sentAt.get(link(r)));
            }
            List<Long> toSmtp = new ArrayList<>();
            for (UUID s : startups) {
                for (Map<String, Object> row : db.rows(
                        "select n.link, cast(extract(epoch from d.completed_at) * 1000 as bigint) as done"
                                + " from delivery d join notification n on n.id = d.notification_id where d.recipient = ?",
                        "startup:" + s)) {
                    toSmtp.add(((Number) row.get("done")).longValue() - sentAt.get((String) row.get("link")));
                }
            }
            System.out.printf(
                    "burst: %d assignment events for %d startups produced in %d ms; all notification.new on Kafka after %d ms"
                            + " (%.0f notifications/s); all %d emails accepted by SMTP after %d ms%n",
                    total,
                    STARTUPS,
                    produced - start,
                    allIn - start,
                    total * 1000.0 / (allIn - start),
                    total,
                    emailed - start);
            System.out.printf("burst latency event→notification.new on Kafka: %s%n", percentiles(toKafka));
            System.out.printf("burst latency event→email accepted by SMTP:   %s%n", percentiles(toSmtp));
        }
    }

    @Test
    void oneEventAtATime() {
        UUID s = UUID.randomUUID();
        String email = "single-" + s + "@acme.test";
        Inboxes.putPreferences(TestTokens.startup(s), Map.of("email", email));
        List<Long> toKafka = new ArrayList<>();
        List<Long> toSmtp = new ArrayList<>();
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            for (int i = 0; i < 20; i++) {
                AssignmentData a = DomainEvents.assignment(s, "SIG-ONE" + i, "pending");
                String link = "/assignments/" + a.assignmentId();
                long sent = System.currentTimeMillis();
                DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), s, a);
                ConsumerRecord<String, String> n = recorder.await(
                                1, r -> isType(r, EventType.NOTIFICATION_NEW) && link.equals(link(r)))
                        .get(0);
                toKafka.add(n.timestamp() - sent);
                int mails = i + 1;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> Peers.mailTo(email).size() >= mails);
                toSmtp.add(System.currentTimeMillis() - sent);
            }
        }
        assertThat(Inboxes.unreadCount(TestTokens.startup(s))).isEqualTo(20);
        System.out.printf("single latency event→notification.new on Kafka: %s%n", percentiles(toKafka));
        System.out.printf("single latency event→email received by SMTP:    %s%n", percentiles(toSmtp));
    }

    private static boolean isType(ConsumerRecord<String, String> r, EventType type) {
        return type.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE));
    }

    private String link(ConsumerRecord<String, String> r) {
        try {
            return json.readTree(r.value()).path("link").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private long unreadCount(ConsumerRecord<String, String> r) {
        try {
            return json.readTree(r.value()).get("unreadCount").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percentiles(List<Long> values) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        return String.format(
                "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (n=%d)",
                v.get(v.size() / 2),
                v.get((int) (v.size() * 0.95)),
                v.get((int) (v.size() * 0.99)),
                v.get(v.size() - 1),
                v.size());
    }
}
