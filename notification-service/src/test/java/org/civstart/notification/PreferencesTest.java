package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.preference.QuietHours;
import org.civstart.notification.support.Deliveries;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.testing.Db;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Preferences decide the channels per category, and quiet hours defer deliveries to their end. */
@QuarkusTest
@RealPeers
class PreferencesTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Db db = Db.application();

    @Test
    void channelsArChosenPerCategory() {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        String recipient = "startup:" + s;
        Inboxes.putPreferences(
                token,
                Map.of(
                        "email",
                        "p-" + s + "@acme.test",
                        "phone",
                        "+4915100000001",
                        "pushToken",
                        "tok-" + s,
                        "channels",
                        Map.of("assignment", List.of("push"), "credits", List.of())));
        given().auth()
                .oauth2(token)
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("channels.assignment", equalTo(List.of("push")))
                .body("channels.credits", equalTo(List.of()));

        AssignmentData a = DomainEvents.assignment(s, "SIG-PREF01", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), s, a);
        DomainEvents.send(EventType.CREDITS_TIER_CHANGED, s, s, DomainEvents.tierChanged(s, "growth", "starter"));
        var c = DomainEvents.connection(s, "approved", "pending");
        DomainEvents.send(EventType.CONNECTION_STATUS_CHANGED, c.connectionId(), s, c);
        Inboxes.awaitNotification(token, "/assignments/" + a.assignmentId());
        Inboxes.awaitNotification(token, "/credits");
        Inboxes.awaitNotification(token, "/connections/" + c.connectionId());

        // deliveries are planned with the notification: the set is final once all three are in the inbox
        List<Map<String, Object>> deliveries = Deliveries.of(recipient);
        assertThat(deliveries)
                .filteredOn(d -> "assignment.created".equals(d.get("eventType")))
                .extracting(d -> d.get("channel"))
                .containsExactly("push");
        assertThat(deliveries)
                .filteredOn(d -> "credits.tier-changed".equals(d.get("eventType")))
                .isEmpty();
        assertThat(deliveries)
                .filteredOn(d -> "connection.status-changed".equals(d.get("eventType")))
                .extracting(d -> d.get("channel"))
                .containsExactlyInAnyOrder("email", "sms", "push");
    }

    /**
     * Categories and channels travel by their wire names ({@code pool_request}, {@code in_app}): a
     * request may still spell them with {@code -} and in any case, the answer and the stored row hold
     * the wire names; an unknown channel is a 400 naming the field and the valid names, an unknown
     * category one naming the field.
     */
    @Test
    void categoriesAndChannelsAreReadLenientlyAndWrittenByTheirWireNames() {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        put(
                        token,
                        Map.of(
                                "email",
                                "w-" + s + "@acme.test",
                                "channels",
                                Map.of(
                                        "pool-request",
                                        List.of("in-app", "Email"),
                                        "CONTACT-REQUEST",
                                        List.of(" sms "))))
                .statusCode(200)
                .body("channels", aMapWithSize(2))
                .body("channels.pool_request", containsInAnyOrder("in_app", "email"))
                .body("channels.contact_request", equalTo(List.of("sms")));
        given().auth()
                .oauth2(token)
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("channels", aMapWithSize(2))
                .body("channels.pool_request", containsInAnyOrder("in_app", "email"))
                .body("channels.contact_request", equalTo(List.of("sms")));
        assertThat(db.count(
                        "select count(*) from preference where recipient = ? and channels::text not like '%-%'"
                                + " and channels -> 'pool_request' @> '[\"in_app\", \"email\"]'::jsonb"
                                + " and jsonb_array_length(channels -> 'pool_request') = 2"
                                + " and channels -> 'contact_request' = '[\"sms\"]'::jsonb",
                        "startup:" + s))
                .isEqualTo(1);

        put(token, Map.of("channels", Map.of("pool_request", List.of("in-app", "fax"))))
                .statusCode(400)
                .body("fields", aMapWithSize(1))
                .body("fields.'channels.pool_request[1]'", equalTo("must be one of in_app, email, sms, push"));
        // an unknown category is a key of the map: the key is named as the field's last step
        put(token, Map.of("channels", Map.of("pool-requests", List.of("email"))))
                .statusCode(400)
                .body("fields", aMapWithSize(1))
                .body(
                        "fields.'channels.pool-requests'",
                        equalTo("must be one of assignment, pool_request, connection, credits, contact_request, sync"));
        given().auth()
                .oauth2(token)
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("channels.pool_request", containsInAnyOrder("in_app", "email"));
    }

    @Test
    void insideQuietHoursDeliveriesWaitForTheirEnd() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime now = ZonedDateTime.now(berlin).truncatedTo(ChronoUnit.MINUTES);
        LocalTime start = now.minusHours(1).toLocalTime();
        LocalTime end = now.plusHours(1).toLocalTime();
        UUID quiet = UUID.randomUUID();
        UUID awake = UUID.randomUUID();
        Inboxes.putPreferences(
                TestTokens.startup(quiet),
                Map.of(
                        "email",
                        "quiet-" + quiet + "@acme.test",
                        "quietStart",
                        start.format(HH_MM),
                        "quietEnd",
                        end.format(HH_MM),
                        "timeZone",
                        "Europe/Berlin"));
        Inboxes.putPreferences(TestTokens.startup(awake), Map.of("email", "awake-" + awake + "@acme.test"));

        AssignmentData q = DomainEvents.assignment(quiet, "SIG-QUIET1", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, q.assignmentId(), quiet, q);
        Inboxes.awaitNotification(TestTokens.startup(quiet), "/assignments/" + q.assignmentId());
        AssignmentData w = DomainEvents.assignment(awake, "SIG-AWAKE1", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, w.assignmentId(), awake, w);

        // the delivery loop has run past the quiet one: the awake one, created later, is sent
        Deliveries.awaitStatus("startup:" + awake, "email", "sent");
        Map<String, Object> deferred = Deliveries.of("startup:" + quiet).get(0);
        assertThat(deferred.get("status")).isEqualTo("pending");
        Instant endToday = LocalDate.now(berlin).atTime(end).atZone(berlin).toInstant();
        Instant expectedEnd = endToday.isAfter(Instant.now()) ? endToday : endToday.plus(1, ChronoUnit.DAYS);
        assertThat(Instant.parse((String) deferred.get("sendAt"))).isEqualTo(expectedEnd);
    }

    /**
     * Each admin has their own addresses, channels and quiet hours; the admin team's shared preferences
     * ({@code /team}) receive every admin notification as well.
     */
    @Test
    void eachAdminHasOwnPreferencesAndQuietHoursAndTheTeamKeepsItsOwn() {
        String early = "admin-early-" + UUID.randomUUID();
        String asleep = "admin-asleep-" + UUID.randomUUID();
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("UTC")).truncatedTo(ChronoUnit.MINUTES);
        Inboxes.putPreferences(
                TestTokens.admin(early),
                Map.of(
                        "email",
                        early + "@civstart.test",
                        "pushToken",
                        "push-" + early,
                        "channels",
                        Map.of("contact_request", List.of("push"))));
        Inboxes.putPreferences(
                TestTokens.admin(asleep),
                Map.of(
                        "email",
                        asleep + "@civstart.test",
                        "quietStart",
                        now.minusHours(1).toLocalTime().format(HH_MM),
                        "quietEnd",
                        now.plusHours(1).toLocalTime().format(HH_MM)));
        String team = "team-" + UUID.randomUUID() + "@civstart.test";
        given().auth()
                .oauth2(TestTokens.admin(early))
                .contentType(ContentType.JSON)
                .body(Map.of("email", team))
                .put("/api/notification-preferences/team")
                .then()
                .statusCode(200)
                .body("email", equalTo(team));

        // each reads their own; the team's is apart
        given().auth()
                .oauth2(TestTokens.admin(early))
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("email", equalTo(early + "@civstart.test"))
                .body("channels.contact_request", equalTo(List.of("push")));
        given().auth()
                .oauth2(TestTokens.admin(asleep))
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("email", equalTo(asleep + "@civstart.test"))
                .body("channels", equalTo(Map.of()));
        given().auth()
                .oauth2(TestTokens.admin(asleep))
                .get("/api/notification-preferences/team")
                .then()
                .statusCode(200)
                .body("email", equalTo(team));
        given().auth()
                .oauth2(TestTokens.startup(UUID.randomUUID()))
                .get("/api/notification-preferences/team")
                .then()
                .statusCode(403);

        var c = DomainEvents.contactRequest(UUID.randomUUID(), "Grace Quiet");
        DomainEvents.send(EventType.CONTACT_REQUEST_CREATED, c.contactRequestId(), c.startupId(), c);
        Inboxes.awaitNotification(TestTokens.admin(early), "/admin/contact-requests/" + c.contactRequestId());

        // early: push only, as chosen for the category; asleep: email, due when the quiet hours end; the team: email
        // now
        Map<String, Object> push = Deliveries.awaitStatus("admin:" + early, "push", "sent");
        assertThat(push.get("address")).isEqualTo("push-" + early);
        assertThat(Deliveries.of("admin:" + early))
                .extracting(d -> d.get("channel"))
                .containsExactly("push");
        Map<String, Object> deferred = Deliveries.await("admin:" + asleep, "email", d -> true);
        assertThat(deferred.get("status")).isEqualTo("pending");
        assertThat(Instant.parse((String) deferred.get("sendAt")))
                .isAfter(Instant.now().plus(30, ChronoUnit.MINUTES));
        Map<String, Object> teamMail = Deliveries.awaitStatus("admins", "email", "sent");
        assertThat(teamMail.get("address")).isEqualTo(team);
    }

    @Test
    void quietHoursMayWrapMidnight() {
        ZoneId utc = ZoneId.of("UTC");
        LocalTime start = LocalTime.of(22, 0);
        LocalTime end = LocalTime.of(7, 0);
        Instant lateEvening = Instant.parse("2026-03-01T23:30:00Z");
        Instant earlyMorning = Instant.parse("2026-03-02T06:59:00Z");
        Instant noon = Instant.parse("2026-03-02T12:00:00Z");
        assertThat(QuietHours.deferUntil(start, end, utc, lateEvening))
                .isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
        assertThat(QuietHours.deferUntil(start, end, utc, earlyMorning))
                .isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
        assertThat(QuietHours.deferUntil(start, end, utc, noon)).isEqualTo(noon);
    }

    @Test
    void badPreferencesAre400NamingEachFieldAndChangeNothing() {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        Inboxes.putPreferences(token, Map.of("email", "keep-" + s + "@acme.test"));

        put(token, Map.of("email", "not-an-email", "phone", "12345", "digestWindowSeconds", 0))
                .statusCode(400)
                .body("fields", aMapWithSize(3))
                .body("fields.email", notNullValue())
                .body("fields.phone", notNullValue())
                .body("fields.digestWindowSeconds", notNullValue());
        put(token, Map.of("quietStart", "22:00")).statusCode(400).body("fields.quietEnd", notNullValue());
        put(token, Map.of("quietStart", "25:99", "quietEnd", "07:00"))
                .statusCode(400)
                .body("fields.quietStart", notNullValue());
        put(token, Map.of("timeZone", "Mars/Olympus")).statusCode(400).body("fields.timeZone", notNullValue());
        put(token, Map.of("channels", Map.of("assignment", List.of("pigeon"))))
                .statusCode(400)
                .body("fields.keySet()", hasItem(startsWith("channels")))
                .body(containsString("must be one of in_app, email, sms, push"));
        put(token, Map.of("channels", Map.of("gossip", List.of("email"))))
                .statusCode(400)
                .body("fields.keySet()", hasItem(startsWith("channels")));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{not json")
                .put("/api/notification-preferences")
                .then()
                .statusCode(400)
                .body("fields.body", notNullValue());

        given().auth()
                .oauth2(token)
                .get("/api/notification-preferences")
                .then()
                .statusCode(200)
                .body("email", equalTo("keep-" + s + "@acme.test"))
                .body("timeZone", equalTo("UTC"));
    }

    private static ValidatableResponse put(String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/notification-preferences")
                .then();
    }
}
