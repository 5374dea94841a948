package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.events.payload.AssignmentData;
import org.civstart.events.payload.ContactRequestData;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.UserEvents;
import org.civstart.testing.Db;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Read state, deletions and unread counts belong to each user: two users of one startup (or two
 * admins) share the notifications of their inbox but never each other's marks or counts, and a
 * user's count stays exact when their own tabs and new notifications interleave.
 */
@QuarkusTest
@RealPeers
class PerUserStateTest {

    private final Db db = Db.application();

    @Test
    void twoUsersOfOneStartupShareTheNotificationsButNotTheirReadStateOrCount() {
        UUID s = UUID.randomUUID();
        String alice = "alice-" + s;
        String bob = "bob-" + s;
        String aliceToken = Inboxes.startupUser(alice, s);
        String bobToken = Inboxes.startupUser(bob, s);
        Inboxes.count(aliceToken);
        Inboxes.count(bobToken);
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AssignmentData a = DomainEvents.assignment(s, "SIG-TEAM" + i, "pending");
                DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), s, a);
                ids.add((String) Inboxes.awaitNotification(aliceToken, "/assignments/" + a.assignmentId())
                        .get("id"));
            }
            UserEvents.await(recorder, 3, EventType.NOTIFICATION_COUNT_CHANGED, alice);
            UserEvents.await(recorder, 3, EventType.NOTIFICATION_COUNT_CHANGED, bob);
            // one notification.new per notification for the whole startup, not one per user
            assertThat(recorder.await(
                            3,
                            r -> isType(r, EventType.NOTIFICATION_NEW)
                                    && s.toString().equals(CloudEvent.of(r).startupId())))
                    .hasSize(3);
            assertThat(db.count("select count(*) from notification where recipient = ?", "startup:" + s))
                    .isEqualTo(3);

            // alice reads one: her count, not bob's
            given().auth()
                    .oauth2(aliceToken)
                    .post("/api/notifications/{id}/read", ids.get(0))
                    .then()
                    .statusCode(200)
                    .body("read", equalTo(true));
            assertThat(Inboxes.count(aliceToken)).isEqualTo(new Inboxes.Count(2, 4));
            assertThat(Inboxes.count(bobToken)).isEqualTo(new Inboxes.Count(3, 3));
            assertThat(Inboxes.find(bobToken, linkOf(bobToken, ids.get(0))).get("read"))
                    .isEqualTo(false);

            // bob deletes another: gone for him only
            given().auth()
                    .oauth2(bobToken)
                    .delete("/api/notifications/{id}", ids.get(1))
                    .then()
                    .statusCode(204);
            assertThat(Inboxes.list(bobToken, null).getList("items")).hasSize(2);
            assertThat(Inboxes.list(aliceToken, null).getList("items")).hasSize(3);
            given().auth()
                    .oauth2(aliceToken)
                    .get("/api/notifications/{id}", ids.get(1))
                    .then()
                    .statusCode(200);
            assertThat(Inboxes.count(bobToken)).isEqualTo(new Inboxes.Count(2, 4));

            // alice reads everything: bob's two stay unread
            given().auth()
                    .oauth2(aliceToken)
                    .post("/api/notifications/read-all")
                    .then()
                    .statusCode(200)
                    .body("marked", equalTo(2))
                    .body("unreadCount", equalTo(0));
            assertThat(Inboxes.count(bobToken)).isEqualTo(new Inboxes.Count(2, 4));

            // a new one counts for both
            AssignmentData next = DomainEvents.assignment(s, "SIG-TEAM9", "pending");
            DomainEvents.send(EventType.ASSIGNMENT_CREATED, next.assignmentId(), s, next);
            UserEvents.await(recorder, 5, EventType.NOTIFICATION_COUNT_CHANGED, alice);
            UserEvents.await(recorder, 5, EventType.NOTIFICATION_COUNT_CHANGED, bob);
            assertThat(Inboxes.count(aliceToken)).isEqualTo(new Inboxes.Count(1, 6));
            assertThat(Inboxes.count(bobToken)).isEqualTo(new Inboxes.Count(3, 5));

            // each user's events, in their order, are exactly their own changes, and carry ce_userid = their sub
            assertThat(counts(recorder, alice)).containsExactly("1@1", "2@2", "3@3", "2@4", "0@5", "1@6");
            assertThat(counts(recorder, bob)).containsExactly("1@1", "2@2", "3@3", "2@4", "3@5");
            for (ConsumerRecord<String, String> r : recorder.records()) {
                CloudEvent ce = CloudEvent.of(r);
                if (ce.eventType() != EventType.NOTIFICATION_NEW && s.toString().equals(ce.startupId())) {
                    assertThat(ce.audience()).isEqualTo("user");
                    assertThat(ce.userId()).isIn(alice, bob);
                    assertThat(r.key()).isEqualTo(ce.userId());
                    assertThat(UserEvents.data(r).get("userId").asText()).isEqualTo(ce.userId());
                }
            }
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_READ, alice))
                    .hasSize(3);
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_READ, bob))
                    .isEmpty();
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_DELETED, bob))
                    .hasSize(1);
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_DELETED, alice))
                    .isEmpty();
        }
    }

    @Test
    void oneAdminsReadNeverChangesAnotherAdminsCount() {
        String adminA = "admin-a-" + UUID.randomUUID();
        String adminB = "admin-b-" + UUID.randomUUID();
        String tokenA = TestTokens.admin(adminA);
        String tokenB = TestTokens.admin(adminB);
        Inboxes.count(tokenA);
        Inboxes.count(tokenB);
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            ContactRequestData c = DomainEvents.contactRequest(UUID.randomUUID(), "Ada Admin");
            DomainEvents.send(EventType.CONTACT_REQUEST_CREATED, c.contactRequestId(), c.startupId(), c);
            String id = (String) Inboxes.awaitNotification(tokenA, "/admin/contact-requests/" + c.contactRequestId())
                    .get("id");
            UserEvents.await(recorder, 1, EventType.NOTIFICATION_COUNT_CHANGED, adminA);
            UserEvents.await(recorder, 1, EventType.NOTIFICATION_COUNT_CHANGED, adminB);
            Inboxes.Count before = Inboxes.count(tokenB);

            given().auth()
                    .oauth2(tokenA)
                    .post("/api/notifications/{id}/read", id)
                    .then()
                    .statusCode(200);
            JsonNode read = UserEvents.await(recorder, 1, EventType.NOTIFICATION_READ, adminA)
                    .get(0);
            assertThat(read.get("startupId").isNull()).isTrue();
            assertThat(Inboxes.count(tokenB)).isEqualTo(before);
            assertThat(Inboxes.find(tokenB, "/admin/contact-requests/" + c.contactRequestId())
                            .get("read"))
                    .isEqualTo(false);
            assertThat(Inboxes.find(tokenA, "/admin/contact-requests/" + c.contactRequestId())
                            .get("read"))
                    .isEqualTo(true);
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_READ, adminB))
                    .isEmpty();
        }
    }

    /**
     * Two tabs of one user read, delete and read-all at the same time while new notifications keep
     * arriving: the count the service keeps equals the count of the rows, and the user's events carry
     * every version once, in order, the last one with that count.
     */
    @Test
    void twoTabsAndNewNotificationsInterleavingKeepTheCountExact() throws Exception {
        UUID s = UUID.randomUUID();
        String sub = "tabs-" + s;
        String token = Inboxes.startupUser(sub, s);
        Inboxes.count(token);
        int first = 20;
        int later = 10;
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            for (int i = 0; i < first; i++) {
                AssignmentData a = DomainEvents.assignment(s, "SIG-TAB" + i, "pending");
                DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), s, a);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Inboxes.unreadCount(token) == first);
            List<String> ids = Inboxes.list(token, "size=200").getList("items.id");
            List<String> reversed = new ArrayList<>(ids);
            Collections.reverse(reversed);

            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> work = new ArrayList<>();
            List<String> deleted = ids.subList(0, 6);
            // a read that meets its notification deleted by the other tab is 404; any other read is 200
            Consumer<String> read = id -> given().auth()
                    .oauth2(token)
                    .post("/api/notifications/{id}/read", id)
                    .then()
                    .statusCode(deleted.contains(id) ? anyOf(equalTo(200), equalTo(404)) : equalTo(200));
            work.add(pool.submit(() -> ids.forEach(read)));
            work.add(pool.submit(() -> reversed.forEach(read)));
            work.add(pool.submit(() -> deleted.forEach(id -> given().auth()
                    .oauth2(token)
                    .delete("/api/notifications/{id}", id)
                    .then()
                    .statusCode(204))));
            work.add(pool.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    given().auth()
                            .oauth2(token)
                            .post("/api/notifications/read-all")
                            .then()
                            .statusCode(200);
                }
            }));
            work.add(pool.submit(() -> {
                for (int i = 0; i < later; i++) {
                    AssignmentData a = DomainEvents.assignment(s, "SIG-LATE" + i, "pending");
                    DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), s, a);
                }
            }));
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> db.count("select count(*) from notification where recipient = ?", "startup:" + s)
                            == first + later);

            long truth = db.count(
                    "select count(*) from notification n where n.recipient = ? and not n.legacy_read and not exists"
                            + " (select 1 from notification_state x where x.user_id = ? and x.notification_id = n.id)",
                    "startup:" + s,
                    sub);
            Inboxes.Count rest = Inboxes.count(token);
            assertThat(rest.unreadCount()).isEqualTo(truth);
            assertThat(Inboxes.list(token, "unread=true&size=200").getLong("total"))
                    .isEqualTo(truth);

            List<JsonNode> events =
                    UserEvents.await(recorder, (int) rest.version(), EventType.NOTIFICATION_COUNT_CHANGED, sub);
            assertThat(events)
                    .extracting(e -> e.get("version").asLong())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, rest.version()).boxed().toList());
            assertThat(events.get(events.size() - 1).get("unreadCount").asLong())
                    .isEqualTo(truth);
            // and every count on the way is the previous one moved by what happened: never below zero
            assertThat(events)
                    .allSatisfy(e -> assertThat(e.get("unreadCount").asLong()).isBetween(0L, (long) first + later));
            System.out.printf(
                    "two tabs: %d count changes, final count %d (version %d)%n", events.size(), truth, rest.version());
        }
    }

    private static String linkOf(String token, String id) {
        return (String) given().auth()
                .oauth2(token)
                .get("/api/notifications/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .path("link");
    }

    private static List<String> counts(EventRecorder recorder, String sub) {
        return UserEvents.of(recorder, EventType.NOTIFICATION_COUNT_CHANGED, sub).stream()
                .map(e -> e.get("unreadCount").asLong() + "@" + e.get("version").asLong())
                .toList();
    }

    private static boolean isType(ConsumerRecord<String, String> r, EventType type) {
        return type.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE));
    }
}
