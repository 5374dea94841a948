package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.Deliveries;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.UserEvents;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Admins are told when a startup opens an assignment or changes its answer, each admin by their own
 * preferences: saved event preferences decide whether the notification is theirs at all (inbox,
 * count, deliveries), notification preferences decide the channels and quiet hours.
 */
@QuarkusTest
@RealPeers
class AdminNotificationsTest {

    @Test
    void aStartupViewingOrChangingItsAnswerNotifiesTheAdminsWhosePreferencesWantIt() {
        UUID watched = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String all = "admin-all-" + UUID.randomUUID();
        String narrow = "admin-narrow-" + UUID.randomUUID();
        String signalsOnly = "admin-signals-" + UUID.randomUUID();
        for (String admin : List.of(all, narrow, signalsOnly)) {
            Inboxes.putPreferences(TestTokens.admin(admin), Map.of("email", admin + "@civstart.test"));
        }
        savePreferences(narrow, Map.of("startups", List.of(watched.toString())));
        savePreferences(signalsOnly, Map.of("events", List.of("signal:*")));
        Map<String, Inboxes.Count> before = Map.of(
                all,
                Inboxes.count(TestTokens.admin(all)),
                narrow,
                Inboxes.count(TestTokens.admin(narrow)),
                signalsOnly,
                Inboxes.count(TestTokens.admin(signalsOnly)));

        AssignmentData viewed = DomainEvents.assignment(watched, "SIG-WATCH1", "viewed");
        AssignmentData a = DomainEvents.assignment(other, "SIG-OTHER1", "interested");
        AssignmentData changed = new AssignmentData(
                a.assignmentId(),
                a.signalId(),
                a.signalIdentifier(),
                a.signalTitle(),
                other,
                "Other Co",
                a.assignmentType(),
                "interested",
                "declined",
                null,
                a.dueDate(),
                Instant.now());
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            DomainEvents.send(EventType.ASSIGNMENT_VIEWED, viewed.assignmentId(), watched, viewed);
            DomainEvents.send(EventType.ASSIGNMENT_RESPONSE_CHANGED, changed.assignmentId(), other, changed);
            String viewedLink = "/admin/assignments/" + viewed.assignmentId();
            String changedLink = "/admin/assignments/" + changed.assignmentId();
            Inboxes.awaitNotification(TestTokens.admin(all), viewedLink);
            Map<String, Object> n = Inboxes.awaitNotification(TestTokens.admin(all), changedLink);
            assertThat(n.get("title")).isEqualTo("Other Co changed its answer on SIG-OTHER1 to interested");
            assertThat(n.get("body"))
                    .isEqualTo("Other Co changed its answer on SIG-OTHER1 (" + a.signalTitle()
                            + ") from declined to interested");

            // one notification.new each, to the admins
            assertThat(recorder.await(
                            2,
                            r -> EventType.NOTIFICATION_NEW
                                            .type()
                                            .equals(CloudEvent.header(r.headers(), CloudEvent.TYPE))
                                    && (r.value().contains(viewedLink)
                                            || r.value().contains(changedLink))))
                    .allSatisfy(r -> assertThat(CloudEvent.of(r).audience()).isEqualTo("admin"))
                    .hasSize(2);

            // the admin without saved preferences: both
            UserEvents.await(recorder, 2, EventType.NOTIFICATION_COUNT_CHANGED, all);
            assertThat(Inboxes.count(TestTokens.admin(all)).unreadCount())
                    .isEqualTo(before.get(all).unreadCount() + 2);
            // the admin watching one startup: only that startup's
            UserEvents.await(recorder, 1, EventType.NOTIFICATION_COUNT_CHANGED, narrow);
            assertThat(Inboxes.find(TestTokens.admin(narrow), viewedLink)).isNotNull();
            assertThat(Inboxes.find(TestTokens.admin(narrow), changedLink)).isNull();
            assertThat(Inboxes.count(TestTokens.admin(narrow)).unreadCount())
                    .isEqualTo(before.get(narrow).unreadCount() + 1);
            // the admin who wants signal events only: neither
            assertThat(Inboxes.find(TestTokens.admin(signalsOnly), viewedLink)).isNull();
            assertThat(Inboxes.find(TestTokens.admin(signalsOnly), changedLink)).isNull();
            assertThat(Inboxes.count(TestTokens.admin(signalsOnly))).isEqualTo(before.get(signalsOnly));
            String hiddenId = (String) n.get("id");
            given().auth()
                    .oauth2(TestTokens.admin(signalsOnly))
                    .get("/api/notifications/{id}", hiddenId)
                    .then()
                    .statusCode(404);
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_COUNT_CHANGED, signalsOnly))
                    .isEmpty();
            assertThat(UserEvents.of(recorder, EventType.NOTIFICATION_COUNT_CHANGED, narrow))
                    .hasSize(1);
        }

        // emails follow the same choice, each to the admin's own address
        Deliveries.awaitStatus("admin:" + all, "email", "sent");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Deliveries.of("admin:" + all).stream()
                                .filter(d -> "sent".equals(d.get("status")))
                                .count()
                        == 2);
        Deliveries.awaitStatus("admin:" + narrow, "email", "sent");
        assertThat(Deliveries.of("admin:" + narrow))
                .extracting(d -> d.get("eventType"))
                .containsExactly("assignment.viewed");
        assertThat(Deliveries.of("admin:" + signalsOnly)).isEmpty();
    }

    private static void savePreferences(String admin, Map<String, Object> body) {
        given().auth()
                .oauth2(TestTokens.admin(admin))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/preferences/events")
                .then()
                .statusCode(200);
    }
}
