package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.Deliveries;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.Peers;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Sent / failed / pending per channel and day, over REST and as Prometheus counters. */
@QuarkusTest
@RealPeers
class StatsTest {

    @Test
    void countsSentFailedAndPendingPerChannelAndDay() {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        String recipient = "startup:" + s;
        String phone = "+4917" + String.format("%09d", Math.abs(s.getLeastSignificantBits() % 1_000_000_000L));
        Inboxes.putPreferences(
                token, Map.of("email", "stats-" + s + "@acme.test", "phone", phone, "digestEnabled", true));
        for (int i = 0; i < 3; i++) {
            Peers.sms().script("SIG-STAT01", 500, 0); // the assignment's SMS fails every attempt
        }
        AssignmentData a = DomainEvents.assignment(s, "SIG-STAT01", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), s, a); // email: digest, pending for an hour
        var c = DomainEvents.connection(s, "approved", "pending");
        DomainEvents.send(EventType.CONNECTION_STATUS_CHANGED, c.connectionId(), s, c); // email and SMS sent

        Deliveries.awaitStatus(recipient, "sms", "failed");
        Deliveries.awaitStatus(recipient, "sms", "sent");
        Deliveries.awaitStatus(recipient, "email", "sent");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        // up to tomorrow: the digest (pending) counts on the day it is due, which is tomorrow after 23:00 UTC
        JsonPath stats = given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("recipient", recipient)
                .queryParam("to", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString())
                .get("/api/notification-stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(stats.getMap("totals.email")).isEqualTo(Map.of("sent", 1, "failed", 0, "pending", 1));
        assertThat(stats.getMap("totals.sms")).isEqualTo(Map.of("sent", 1, "failed", 1, "pending", 0));
        assertThat(stats.getMap("totals.push")).isEqualTo(Map.of("sent", 0, "failed", 0, "pending", 0));
        assertThat(stats.getMap("totals.in_app")).isEqualTo(Map.of("sent", 2, "failed", 0, "pending", 0));
        assertThat(stats.getMap("totals")).containsOnlyKeys("email", "in_app", "push", "sms");
        List<Map<String, Object>> days = stats.getList("days");
        assertThat(days)
                .filteredOn(d -> "sms".equals(d.get("channel")))
                .containsExactly(Map.of("day", today, "channel", "sms", "sent", 1, "failed", 1, "pending", 0));
        assertThat(days)
                .filteredOn(d -> "in_app".equals(d.get("channel")))
                .containsExactly(Map.of("day", today, "channel", "in_app", "sent", 2, "failed", 0, "pending", 0));

        // and the service-wide numbers as Prometheus counters
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("notification_deliveries_total{channel=\"sms\",outcome=\"failed\""))
                .body(containsString("notification_deliveries_total{channel=\"sms\",outcome=\"retry\""))
                .body(containsString("notification_deliveries_total{channel=\"email\",outcome=\"sent\""))
                .body(containsString("notifications_created_total{category=\"assignment\""));
    }

    @Test
    void statsAreForStaffAndCheckTheirInput() {
        given().auth()
                .oauth2(TestTokens.startup(UUID.randomUUID()))
                .get("/api/notification-stats")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("from", "yesterday")
                .get("/api/notification-stats")
                .then()
                .statusCode(400)
                .body("fields.from", notNullValue());
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("from", "2026-02-02")
                .queryParam("to", "2026-02-01")
                .get("/api/notification-stats")
                .then()
                .statusCode(400)
                .body("fields.from", notNullValue());
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("recipient", "bob")
                .get("/api/notification-stats")
                .then()
                .statusCode(400)
                .body("fields.recipient", notNullValue());
    }
}
