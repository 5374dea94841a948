package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.notification.support.OldSchemaDatabase.ADMIN_READ_BEFORE;
import static org.civstart.notification.support.OldSchemaDatabase.ADMIN_UNREAD;
import static org.civstart.notification.support.OldSchemaDatabase.CONTACT_REQUEST_BEFORE;
import static org.civstart.notification.support.OldSchemaDatabase.IN_APP_DELIVERY;
import static org.civstart.notification.support.OldSchemaDatabase.POOL_DELIVERY;
import static org.civstart.notification.support.OldSchemaDatabase.POOL_REQUEST_BEFORE;
import static org.civstart.notification.support.OldSchemaDatabase.POOL_STARTUP;
import static org.civstart.notification.support.OldSchemaDatabase.READ_BEFORE;
import static org.civstart.notification.support.OldSchemaDatabase.STARTUP;
import static org.civstart.notification.support.OldSchemaDatabase.UNREAD_1;
import static org.civstart.notification.support.OldSchemaDatabase.UNREAD_2;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.OldSchemaDatabase;
import org.civstart.notification.support.Peers;
import org.civstart.testing.Db;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service started on a database written in schema V1 (inbox-wide read marks, one set of
 * preferences for all admins, enum values spelled with {@code -}): every notification is kept, each
 * user's read state starts as their inbox's was, and from then on each user's marks are their own;
 * every stored enum value is its wire name (V3).
 */
@QuarkusTest
@WithTestResource(
        value = OldSchemaDatabase.class,
        initArgs = @ResourceArg(name = "database", value = "notification_migration"))
@WithTestResource(Peers.class)
class MigrationTest {

    private final Db db = Db.application();

    @Test
    void existingNotificationsAreKeptAndEachUsersReadStateStartsAsTheInboxsWas() {
        assertThat(db.count("select count(*) from notification")).isGreaterThanOrEqualTo(5);
        assertThat(db.count(
                        "select count(*) from notification where id in (?, ?, ?, ?, ?)",
                        READ_BEFORE,
                        UNREAD_1,
                        UNREAD_2,
                        ADMIN_READ_BEFORE,
                        ADMIN_UNREAD))
                .isEqualTo(5);

        String alice = Inboxes.startupUser("alice-before", STARTUP);
        String bob = Inboxes.startupUser("bob-before", STARTUP);
        for (String token : List.of(alice, bob)) {
            List<Map<String, Object>> items = Inboxes.list(token, null).getList("items");
            assertThat(items)
                    .extracting(i -> i.get("id"))
                    .containsExactly(UNREAD_2.toString(), UNREAD_1.toString(), READ_BEFORE.toString());
            assertThat(items).extracting(i -> i.get("read")).containsExactly(false, false, true);
            assertThat(items.get(2).get("readAt")).isNotNull();
            assertThat(Inboxes.count(token)).isEqualTo(new Inboxes.Count(2, 0));
        }
        String admin = TestTokens.admin("admin-before");
        assertThat(Inboxes.find(admin, "/before/" + ADMIN_READ_BEFORE).get("read"))
                .isEqualTo(true);
        assertThat(Inboxes.find(admin, "/before/" + ADMIN_UNREAD).get("read")).isEqualTo(false);

        // from now on, marks are per user
        given().auth()
                .oauth2(alice)
                .post("/api/notifications/{id}/read", UNREAD_1)
                .then()
                .statusCode(200)
                .body("read", equalTo(true));
        given().auth()
                .oauth2(bob)
                .delete("/api/notifications/{id}", READ_BEFORE)
                .then()
                .statusCode(204);
        assertThat(Inboxes.count(alice)).isEqualTo(new Inboxes.Count(1, 1));
        assertThat(Inboxes.count(bob)).isEqualTo(new Inboxes.Count(2, 0));
        assertThat(Inboxes.list(alice, null).getList("items")).hasSize(3);
        assertThat(Inboxes.list(bob, null).getList("items")).hasSize(2);
        // reading what was read before changes nothing
        given().auth()
                .oauth2(alice)
                .post("/api/notifications/{id}/read", READ_BEFORE)
                .then()
                .statusCode(200);
        assertThat(Inboxes.count(alice)).isEqualTo(new Inboxes.Count(1, 1));

        // a new notification counts for both
        AssignmentData a = DomainEvents.assignment(STARTUP, "SIG-AFTER1", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), STARTUP, a);
        Inboxes.awaitNotification(alice, "/assignments/" + a.assignmentId());
        assertThat(Inboxes.count(alice)).isEqualTo(new Inboxes.Count(2, 2));
        assertThat(Inboxes.count(bob)).isEqualTo(new Inboxes.Count(3, 1));
    }

    @Test
    void enumValuesStoredWithHyphensBecomeTheirWireNames() {
        assertThat(db.rows(
                        "select id, category from notification where id in (?, ?) order by id",
                        POOL_REQUEST_BEFORE,
                        CONTACT_REQUEST_BEFORE))
                .containsExactly(
                        Map.of("id", POOL_REQUEST_BEFORE, "category", "pool_request"),
                        Map.of("id", CONTACT_REQUEST_BEFORE, "category", "contact_request"));
        assertThat(db.count(
                        "select count(*) from preference where recipient = 'admins' and channels = ?::jsonb",
                        "{\"pool_request\": [\"email\", \"in_app\"], \"contact_request\": [], \"sync\": null}"))
                .isEqualTo(1);
        assertThat(db.count(
                        "select count(*) from preference where recipient = ? and channels = ?::jsonb",
                        "startup:" + STARTUP,
                        "{\"pool_request\": [\"push\", \"email\"]}"))
                .isEqualTo(1);
        assertThat(db.rows(
                        "select id, channel, status from delivery where id in (?, ?) order by id",
                        POOL_DELIVERY,
                        IN_APP_DELIVERY))
                .containsExactly(
                        Map.of("id", POOL_DELIVERY, "channel", "email", "status", "sent"),
                        Map.of("id", IN_APP_DELIVERY, "channel", "in_app", "status", "failed"));
        assertThat(
                        db.rows(
                                "select event_type, channel from template_override where event_type like 'pool-request.%' order by event_type"))
                .containsExactly(
                        Map.of("event_type", "pool-request.approved", "channel", "email"),
                        Map.of("event_type", "pool-request.rejected", "channel", "in_app"));
        assertThat(db.count("select count(*) from notification where category like '%-%'"))
                .isZero();
        assertThat(db.count("select count(*) from delivery where channel like '%-%' or status like '%-%'"))
                .isZero();
        assertThat(db.count("select count(*) from template_override where channel like '%-%'"))
                .isZero();
        assertThat(db.count("select count(*) from preference where channels::text like '%-%'"))
                .isZero();

        // the service reads them: the inboxes, the preferences, the delivery log, the template override
        String admin = TestTokens.admin("admin-wire-" + UUID.randomUUID());
        assertThat(Inboxes.find(admin, "/before/" + CONTACT_REQUEST_BEFORE).get("category"))
                .isEqualTo("contact_request");
        String pool = Inboxes.startupUser("dora-before", POOL_STARTUP);
        assertThat(Inboxes.find(pool, "/before/" + POOL_REQUEST_BEFORE).get("category"))
                .isEqualTo("pool_request");
        given().auth()
                .oauth2(admin)
                .get("/api/notification-preferences/team")
                .then()
                .statusCode(200)
                .body("channels.pool_request", containsInAnyOrder("email", "in_app"))
                .body("channels.contact_request", equalTo(List.of()))
                .body("channels", hasEntry(equalTo("sync"), nullValue()));
        given().auth()
                .oauth2(Inboxes.startupUser("erin-before", STARTUP))
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("channels.pool_request", containsInAnyOrder("push", "email"));
        given().auth()
                .oauth2(admin)
                .get("/api/notification-deliveries/{id}", POOL_DELIVERY)
                .then()
                .statusCode(200)
                .body("channel", equalTo("email"))
                .body("status", equalTo("sent"));
        given().auth()
                .oauth2(admin)
                .get("/api/notification-deliveries/{id}", IN_APP_DELIVERY)
                .then()
                .statusCode(200)
                .body("channel", equalTo("in_app"))
                .body("status", equalTo("failed"));
        given().auth()
                .oauth2(admin)
                .queryParam("recipient", "startup:" + POOL_STARTUP)
                .queryParam("channel", "in-app")
                .get("/api/notification-deliveries")
                .then()
                .statusCode(200)
                .body("id", contains(IN_APP_DELIVERY.toString()))
                .body("channel", contains("in_app"));
        given().auth()
                .oauth2(admin)
                .delete("/api/notification-templates/pool-request.approved/email")
                .then()
                .statusCode(204);
        assertThat(db.count("select count(*) from template_override where event_type = 'pool-request.approved'"))
                .isZero();
    }

    @Test
    void thePreferencesAllAdminsSharedBecomeTheAdminTeamsAndEachAdminStartsWithTheirOwn() {
        String admin = TestTokens.admin("admin-prefs-before-" + UUID.randomUUID());
        given().auth()
                .oauth2(admin)
                .get("/api/notification-preferences/team")
                .then()
                .statusCode(200)
                .body("email", equalTo(OldSchemaDatabase.TEAM_EMAIL));
        given().auth()
                .oauth2(admin)
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("email", equalTo(null));
        given().auth()
                .oauth2(Inboxes.startupUser("carol-before", STARTUP))
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("email", equalTo(OldSchemaDatabase.STARTUP_EMAIL));
    }
}
