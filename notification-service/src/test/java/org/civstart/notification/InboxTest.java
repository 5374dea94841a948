package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.UserEvents;
import org.civstart.testing.Db;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The in-app inbox: an event becomes one notification of its inbox, published once to everyone it
 * concerns; every change of a user's view is published to that user only, with their new count.
 */
@QuarkusTest
@RealPeers
class InboxTest {

    private final Db db = Db.application();

    @Inject
    ObjectMapper json;

    @Test
    void anAssignmentReachesTheStartupsInboxAndTheBadgeOfEachKnownUser() throws Exception {
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        String sub = "user-of-" + startup;
        assertThat(Inboxes.count(token))
                .isEqualTo(new Inboxes.Count(0, 0)); // the SPA loads: the user is known from now on
        AssignmentData a = DomainEvents.assignment(startup, "SIG-ABC123", "pending");
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), startup, a);

            Map<String, Object> n = Inboxes.awaitNotification(token, "/assignments/" + a.assignmentId());
            assertThat(n.get("title")).isEqualTo("Signal SIG-ABC123 has been assigned to you");
            assertThat(n.get("category")).isEqualTo("assignment");
            assertThat(n.get("read")).isEqualTo(false);

            // notification.new: once, to the startup's users, without anybody's count
            ConsumerRecord<String, String> created =
                    recorder.await(1, EventType.NOTIFICATION_NEW).get(0);
            CloudEvent ce = CloudEvent.of(created);
            assertThat(ce.startupId()).isEqualTo(startup.toString());
            assertThat(ce.audience()).isEqualTo("startup");
            assertThat(ce.userId()).isNull();
            assertThat(created.key()).isEqualTo("startup:" + startup);
            JsonNode data = json.readTree(created.value());
            assertThat(data.get("notificationId").asText()).isEqualTo(n.get("id"));
            assertThat(data.get("title").asText()).isEqualTo("Signal SIG-ABC123 has been assigned to you");
            assertThat(data.get("version").asLong()).isEqualTo(1);
            assertThat(data.has("unreadCount")).isFalse();

            // notification.count-changed: to that user only
            ConsumerRecord<String, String> count =
                    recorder.await(1, EventType.NOTIFICATION_COUNT_CHANGED).get(0);
            CloudEvent countEvent = CloudEvent.of(count);
            assertThat(countEvent.audience()).isEqualTo("user");
            assertThat(countEvent.userId()).isEqualTo(sub);
            assertThat(count.key()).isEqualTo(sub);
            JsonNode countData = json.readTree(count.value());
            assertThat(countData.get("userId").asText()).isEqualTo(sub);
            assertThat(countData.get("startupId").asText()).isEqualTo(startup.toString());
            assertThat(countData.get("unreadCount").asLong()).isEqualTo(1);
            assertThat(countData.get("version").asLong()).isEqualTo(1);
        }
        given().auth()
                .oauth2(token)
                .get("/api/notifications/unread-count")
                .then()
                .statusCode(200)
                .body("unreadCount", equalTo(1))
                .body("version", equalTo(1));
    }

    @Test
    void readMarkAllAndDeleteEachPublishTheUsersNewCountWithTheNextVersion() throws Exception {
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        String sub = "user-of-" + startup;
        Inboxes.count(token);
        AssignmentData[] as = new AssignmentData[3];
        for (int i = 0; i < 3; i++) {
            as[i] = DomainEvents.assignment(startup, "SIG-R" + i, "pending");
            DomainEvents.send(EventType.ASSIGNMENT_CREATED, as[i].assignmentId(), startup, as[i]);
        }
        String first = (String) Inboxes.awaitNotification(token, "/assignments/" + as[0].assignmentId())
                .get("id");
        Inboxes.awaitNotification(token, "/assignments/" + as[1].assignmentId());
        String third = (String) Inboxes.awaitNotification(token, "/assignments/" + as[2].assignmentId())
                .get("id");
        assertThat(Inboxes.count(token)).isEqualTo(new Inboxes.Count(3, 3));

        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            given().auth()
                    .oauth2(token)
                    .post("/api/notifications/{id}/read", first)
                    .then()
                    .statusCode(200)
                    .body("read", equalTo(true));
            JsonNode read = UserEvents.await(recorder, 1, EventType.NOTIFICATION_READ, sub)
                    .get(0);
            assertThat(read.get("notificationId").asText()).isEqualTo(first);
            assertThat(read.get("userId").asText()).isEqualTo(sub);
            assertThat(read.get("read").asBoolean()).isTrue();
            assertThat(read.get("unreadCount").asLong()).isEqualTo(2);
            assertThat(read.get("version").asLong()).isEqualTo(4);
            assertThat(lastCount(recorder, sub, 1)).isEqualTo(new Inboxes.Count(2, 4));

            // reading it again changes nothing and publishes nothing new
            given().auth()
                    .oauth2(token)
                    .post("/api/notifications/{id}/read", first)
                    .then()
                    .statusCode(200);
            assertThat(Inboxes.list(token, "unread=true").getList("items")).hasSize(2);

            given().auth()
                    .oauth2(token)
                    .delete("/api/notifications/{id}", third)
                    .then()
                    .statusCode(204);
            JsonNode deleted = UserEvents.await(recorder, 1, EventType.NOTIFICATION_DELETED, sub)
                    .get(0);
            assertThat(deleted.get("notificationId").asText()).isEqualTo(third);
            assertThat(deleted.get("deleted").asBoolean()).isTrue();
            assertThat(deleted.get("unreadCount").asLong()).isEqualTo(1);
            assertThat(lastCount(recorder, sub, 2)).isEqualTo(new Inboxes.Count(1, 5));
            given().auth()
                    .oauth2(token)
                    .get("/api/notifications/{id}", third)
                    .then()
                    .statusCode(404);

            given().auth()
                    .oauth2(token)
                    .post("/api/notifications/read-all")
                    .then()
                    .statusCode(200)
                    .body("marked", equalTo(1))
                    .body("unreadCount", equalTo(0))
                    .body("version", equalTo(6));
            assertThat(lastCount(recorder, sub, 3)).isEqualTo(new Inboxes.Count(0, 6));
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_READ, sub))
                    .hasSize(2);
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_COUNT_CHANGED, sub))
                    .hasSize(3);
        }
        assertThat(Inboxes.count(token)).isEqualTo(new Inboxes.Count(0, 6));
        var page = Inboxes.list(token, "page=0&size=1");
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getLong("total")).isEqualTo(2);
        assertThat(page.getLong("unreadCount")).isZero();
        assertThat(page.getLong("version")).isEqualTo(6);
        assertThat(Inboxes.list(token, "unread=true").getList("items")).isEmpty();
    }

    @Test
    void nobodyReadsOrChangesAnotherInbox() {
        UUID owner = UUID.randomUUID();
        String ownerToken = TestTokens.startup(owner);
        AssignmentData a = DomainEvents.assignment(owner, "SIG-OWN1", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), owner, a);
        String id = (String) Inboxes.awaitNotification(ownerToken, "/assignments/" + a.assignmentId())
                .get("id");

        String other = TestTokens.startup(UUID.randomUUID());
        EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS);
        assertThat(Inboxes.list(other, null).getList("items")).isEmpty();
        given().auth().oauth2(other).get("/api/notifications/{id}", id).then().statusCode(404);
        given().auth()
                .oauth2(other)
                .post("/api/notifications/{id}/read", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(other)
                .delete("/api/notifications/{id}", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(other)
                .delete("/api/notifications/{id}", UUID.randomUUID())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(other)
                .post("/api/notifications/read-all")
                .then()
                .statusCode(200)
                .body("marked", equalTo(0));
        // the admins' inbox is not the startup's either
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/notifications/{id}", id)
                .then()
                .statusCode(404);
        // a startup token without startup_id has no inbox; no token at all is 401
        String noStartup = TestTokens.sign("lost-user", Set.of("startup"), null, Duration.ofHours(1));
        given().auth().oauth2(noStartup).get("/api/notifications").then().statusCode(403);
        given().auth()
                .oauth2(TestTokens.sign("x", Set.of("viewer"), null, Duration.ofHours(1)))
                .get("/api/notifications")
                .then()
                .statusCode(403);
        given().get("/api/notifications").then().statusCode(401);

        assertThat(db.count("select count(*) from notification_state where notification_id = ?::uuid", id))
                .isZero();
        assertThat(Inboxes.unreadCount(ownerToken)).isEqualTo(1);
        // the owner's own change is the first event since: the refused ones published nothing
        given().auth()
                .oauth2(ownerToken)
                .post("/api/notifications/{id}/read", id)
                .then()
                .statusCode(200);
        recorder.await(1, EventType.NOTIFICATION_COUNT_CHANGED);
        assertThat(recorder.records())
                .extracting(r -> CloudEvent.header(r.headers(), CloudEvent.TYPE))
                .containsExactly(EventType.NOTIFICATION_READ.type(), EventType.NOTIFICATION_COUNT_CHANGED.type());
        recorder.close();
    }

    @Test
    void aRedeliveredEventCreatesNothing() {
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        AssignmentData a = DomainEvents.assignment(startup, "SIG-DUP1", "pending");
        CloudEvent event = DomainEvents.event(EventType.ASSIGNMENT_CREATED, a.assignmentId(), startup, a);
        DomainEvents.send(event);
        DomainEvents.send(event);
        DomainEvents.send(event);
        // a later event with the same key lands on the same partition: once it is in, the copies were consumed
        AssignmentData marker = new AssignmentData(
                UUID.randomUUID(),
                a.signalId(),
                "SIG-DUP2",
                "x",
                startup,
                "Acme",
                "direct",
                "pending",
                null,
                null,
                null,
                null);
        DomainEvents.send(DomainEvents.event(EventType.ASSIGNMENT_CREATED, a.assignmentId(), startup, marker));
        Inboxes.awaitNotification(token, "/assignments/" + marker.assignmentId());

        List<Map<String, Object>> items = Inboxes.list(token, null).getList("items");
        assertThat(items).hasSize(2);
        assertThat(db.count("select count(*) from notification where source_event_id = ?", event.id()))
                .isEqualTo(1);
        assertThat(Inboxes.unreadCount(token)).isEqualTo(2);
    }

    /**
     * A client recognises its own change: a read carries the reader as ce_actor and the request's
     * X-Request-Id as ce_correlationid; a notification made from a domain event is made by the system
     * under that event's correlation id (or its ce_id when it has none).
     */
    @Test
    void eventsNameWhoMadeTheChangeAndCarryItsCorrelationId() {
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        String sub = "user-of-" + startup;
        Inboxes.count(token);
        AssignmentData a = DomainEvents.assignment(startup, "SIG-CORR1", "pending");
        AssignmentData b = DomainEvents.assignment(startup, "SIG-CORR2", "pending");
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            DomainEvents.send(DomainEvents.event(EventType.ASSIGNMENT_CREATED, a.assignmentId(), startup, a)
                    .withContext("admin-7", "req-assign-7"));
            CloudEvent plain = DomainEvents.send(EventType.ASSIGNMENT_CREATED, b.assignmentId(), startup, b);
            String id = (String) Inboxes.awaitNotification(token, "/assignments/" + a.assignmentId())
                    .get("id");
            Inboxes.awaitNotification(token, "/assignments/" + b.assignmentId());
            List<CloudEvent> made = recorder
                    .await(4, r -> startup.toString().equals(CloudEvent.header(r.headers(), CloudEvent.STARTUP_ID)))
                    .stream()
                    .map(CloudEvent::of)
                    .toList();
            assertThat(made).allSatisfy(e -> assertThat(e.actor()).isEqualTo(CloudEvent.SYSTEM_ACTOR));
            assertThat(made).extracting(CloudEvent::correlationId).containsOnly("req-assign-7", plain.id());
            assertThat(made)
                    .filteredOn(e -> e.data().contains(id))
                    .extracting(CloudEvent::correlationId)
                    .containsOnly("req-assign-7");
            recorder.clear();

            given().auth()
                    .oauth2(token)
                    .header("X-Request-Id", "req-read-42")
                    .post("/api/notifications/{id}/read", id)
                    .then()
                    .statusCode(200);
            List<CloudEvent> read =
                    recorder.await(2, r -> sub.equals(CloudEvent.header(r.headers(), CloudEvent.USER_ID))).stream()
                            .map(CloudEvent::of)
                            .toList();
            assertThat(read)
                    .extracting(CloudEvent::type)
                    .containsExactly(EventType.NOTIFICATION_READ.type(), EventType.NOTIFICATION_COUNT_CHANGED.type());
            assertThat(read).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo(sub);
                assertThat(e.correlationId()).isEqualTo("req-read-42");
            });
        }
    }

    @Test
    void badPagingIs400NamingTheParameter() {
        String token = TestTokens.startup(UUID.randomUUID());
        given().auth()
                .oauth2(token)
                .get("/api/notifications?size=0")
                .then()
                .statusCode(400)
                .body("fields.size", notNullValue());
        given().auth()
                .oauth2(token)
                .get("/api/notifications?page=-1&size=1000")
                .then()
                .statusCode(400)
                .body("fields.page", notNullValue())
                .body("fields.size", notNullValue());
    }

    private static Inboxes.Count lastCount(EventRecorder recorder, String sub, int n) {
        List<JsonNode> counts = UserEvents.await(recorder, n, EventType.NOTIFICATION_COUNT_CHANGED, sub);
        JsonNode last = counts.get(counts.size() - 1);
        return new Inboxes.Count(
                last.get("unreadCount").asLong(), last.get("version").asLong());
    }
}
