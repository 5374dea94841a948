package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.events.payload.AssignmentData;
import org.civstart.events.payload.ConnectionData;
import org.civstart.notification.support.Deliveries;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.Peers;
import org.civstart.notification.support.ProviderServer;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Email, SMS and push reach real peers; failures are retried with backoff, recorded, and end as failed. */
@QuarkusTest
@RealPeers
class ChannelsTest {

    record Contact(UUID startupId, String token, String recipient, String email, String phone, String pushToken) {
        static Contact create() {
            UUID id = UUID.randomUUID();
            String n = String.valueOf(Math.abs(id.getMostSignificantBits() % 1_000_000_000L));
            return new Contact(
                    id,
                    TestTokens.startup(id),
                    "startup:" + id,
                    "team-" + id + "@acme.test",
                    "+49" + String.format("%010d", Long.parseLong(n)),
                    "push-" + id);
        }

        void allChannels() {
            Inboxes.putPreferences(token, Map.of("email", email, "phone", phone, "pushToken", pushToken));
        }
    }

    @Test
    void anAssignmentGoesOutByEmailSmsAndPush() throws Exception {
        Contact c = Contact.create();
        c.allChannels();
        AssignmentData a = DomainEvents.assignment(c.startupId(), "SIG-ABC123", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), c.startupId(), a);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !Peers.mailTo(c.email()).isEmpty());
        MimeMessage mail = Peers.mailTo(c.email()).get(0);
        assertThat(mail.getSubject()).isEqualTo("Signal SIG-ABC123 has been assigned to you");
        assertThat(mail.getFrom()[0].toString()).contains("notifications@civstart.org");
        String text = GreenMailUtil.getBody(((Multipart) mail.getContent()).getBodyPart(0));
        assertThat(mail.getContent()).isInstanceOf(Multipart.class);
        String whole = GreenMailUtil.getWholeMessage(mail);
        assertThat(whole)
                .contains("CivStart assigned signal SIG-ABC123 to you")
                .contains("text/html")
                .contains("/assignments/" + a.assignmentId());
        assertThat(text).isNotBlank();

        ProviderServer.Received sms = awaitAccepted(Peers.sms(), c.phone());
        assertThat(sms.path()).isEqualTo("/messages");
        assertThat(sms.authorization()).isEqualTo("Bearer " + Peers.SMS_KEY);
        assertThat(sms.body())
                .contains("\"to\":\"" + c.phone() + "\"")
                .contains("signal SIG-ABC123 was assigned to you");

        ProviderServer.Received push = awaitAccepted(Peers.push(), c.pushToken());
        assertThat(push.path()).isEqualTo("/push");
        assertThat(push.authorization()).isEqualTo("Bearer " + Peers.PUSH_KEY);
        assertThat(push.body()).contains("\"title\":\"Signal SIG-ABC123 has been assigned to you\"");

        for (String channel : List.of("email", "sms", "push")) {
            Map<String, Object> d = Deliveries.awaitStatus(c.recipient(), channel, "sent");
            assertThat(d.get("attempts")).isEqualTo(1);
            assertThat((List<?>) d.get("attemptLog")).hasSize(1);
        }
    }

    @Test
    void aFailingOrSlowProviderIsRetriedUntilItAccepts() {
        Contact c = Contact.create();
        Inboxes.putPreferences(c.token(), Map.of("phone", c.phone()));
        Peers.sms().script(c.phone(), 500, 0); // attempt 1: provider error
        Peers.sms().script(c.phone(), 202, 3000); // attempt 2: slower than the 1 s read timeout
        ConnectionData conn = DomainEvents.connection(c.startupId(), "approved", "pending");
        DomainEvents.send(EventType.CONNECTION_STATUS_CHANGED, conn.connectionId(), c.startupId(), conn);

        Map<String, Object> d = Deliveries.awaitStatus(c.recipient(), "sms", "sent");
        assertThat(d.get("attempts")).isEqualTo(3);
        List<Map<String, Object>> log = (List<Map<String, Object>>) d.get("attemptLog");
        assertThat(log).extracting(a -> a.get("succeeded")).containsExactly(false, false, true);
        assertThat((String) log.get(0).get("error")).contains("500");
        assertThat((String) log.get(1).get("error")).isNotBlank();
        assertThat(Peers.sms().receivedFor(c.phone())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(Peers.sms()
                        .acceptedFor(c.phone())
                        .get(Peers.sms().acceptedFor(c.phone()).size() - 1)
                        .body())
                .contains("City of Springfield");
    }

    @Test
    void whenEveryAttemptFailsTheDeliveryEndsFailedWithTheLastError() {
        Contact c = Contact.create();
        Inboxes.putPreferences(c.token(), Map.of("pushToken", c.pushToken()));
        for (int i = 0; i < 3; i++) {
            Peers.push().script(c.pushToken(), 503, 0);
        }
        AssignmentData a = DomainEvents.assignment(c.startupId(), "SIG-FAIL1", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, a.assignmentId(), c.startupId(), a);

        Map<String, Object> d = Deliveries.awaitStatus(c.recipient(), "push", "failed");
        assertThat(d.get("attempts")).isEqualTo(3);
        assertThat((String) d.get("lastError")).contains("503");
        assertThat((List<?>) d.get("attemptLog")).hasSize(3);
        assertThat(Peers.push().receivedFor(c.pushToken())).hasSize(3);
        // the in-app notification is there regardless
        assertThat(Inboxes.find(c.token(), "/assignments/" + a.assignmentId())).isNotNull();
    }

    @Test
    void aTemplateWithAnUnknownVariableFailsItsDeliveryVisiblyAndNothingElse() throws Exception {
        String admin = TestTokens.admin();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("text", "Connection {data.targetName}: {data.noSuchField}"))
                .put("/api/notification-templates/connection.status-changed/sms")
                .then()
                .statusCode(200)
                .body("channel", equalTo("sms"));
        try {
            Contact c = Contact.create();
            Inboxes.putPreferences(c.token(), Map.of("phone", c.phone(), "email", c.email()));
            ConnectionData conn = DomainEvents.connection(c.startupId(), "rejected", "pending");
            DomainEvents.send(EventType.CONNECTION_STATUS_CHANGED, conn.connectionId(), c.startupId(), conn);

            Map<String, Object> sms = Deliveries.awaitStatus(c.recipient(), "sms", "failed");
            assertThat((String) sms.get("lastError")).contains("noSuchField");
            assertThat(sms.get("attempts")).isEqualTo(1);
            assertThat(Peers.sms().receivedFor(c.phone())).isEmpty();
            // the email of the same notification still goes out
            Deliveries.awaitStatus(c.recipient(), "email", "sent");
            assertThat(Peers.mailTo(c.email())).hasSize(1);
        } finally {
            given().auth()
                    .oauth2(admin)
                    .delete("/api/notification-templates/connection.status-changed/sms")
                    .then()
                    .statusCode(204);
        }
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedNamingTheField() {
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("text", "Hello {#if}"))
                .put("/api/notification-templates/assignment.created/email")
                .then()
                .statusCode(400)
                .body("fields.text", containsString("not a valid Qute template"));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("text", "x"))
                .put("/api/notification-templates/assignment.created/fax")
                .then()
                .statusCode(400)
                .body("fields.channel", equalTo("must be one of in_app, email, sms, push"));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("text", "x"))
                .put("/api/notification-templates/assignment.created/in-app")
                .then()
                .statusCode(400)
                .body("fields.channel", equalTo("in_app texts are built in; choose email, sms or push"));
        given().auth()
                .oauth2(TestTokens.startup(UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(Map.of("text", "x"))
                .put("/api/notification-templates/assignment.created/email")
                .then()
                .statusCode(403);
    }

    private static ProviderServer.Received awaitAccepted(ProviderServer server, String match) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !server.acceptedFor(match).isEmpty());
        return server.acceptedFor(match).get(0);
    }
}
