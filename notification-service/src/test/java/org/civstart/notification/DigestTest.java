package org.civstart.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.events.payload.AssignmentData;
import org.civstart.notification.support.Deliveries;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.Peers;
import org.civstart.testing.Db;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.junit.QuarkusTest;

/** With the digest on, assignment emails inside one window become one email; other emails go out at once. */
@QuarkusTest
@RealPeers
class DigestTest {

    private final Db db = Db.application();

    @Test
    void severalAssignmentsInOneWindowAreOneEmail() throws Exception {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        String email = "digest-" + s + "@acme.test";
        String recipient = "startup:" + s;
        Inboxes.putPreferences(
                token,
                Map.of(
                        "email",
                        email,
                        "pushToken",
                        "digest-push-" + s,
                        "digestEnabled",
                        true,
                        "digestWindowSeconds",
                        3600));

        Instant before = Instant.now();
        AssignmentData[] as = new AssignmentData[3];
        for (int i = 0; i < 3; i++) {
            as[i] = DomainEvents.assignment(s, "SIG-DIG00" + i, "pending");
            DomainEvents.send(EventType.ASSIGNMENT_CREATED, as[i].assignmentId(), s, as[i]);
        }
        var connection = DomainEvents.connection(s, "approved", "pending");
        DomainEvents.send(EventType.CONNECTION_STATUS_CHANGED, connection.connectionId(), s, connection);
        for (AssignmentData a : as) {
            Inboxes.awaitNotification(token, "/assignments/" + a.assignmentId());
        }

        // one open digest with the three assignments, due when the window closes
        List<Map<String, Object>> emails = Deliveries.of(recipient).stream()
                .filter(d -> "email".equals(d.get("channel")) && Boolean.TRUE.equals(d.get("digest")))
                .toList();
        assertThat(emails).hasSize(1);
        Map<String, Object> digest = emails.get(0);
        assertThat(digest.get("items")).isEqualTo(3);
        assertThat(digest.get("status")).isEqualTo("pending");
        assertThat(Instant.parse((String) digest.get("sendAt"))).isAfter(before.plusSeconds(3500));
        // the digest is for email only: pushes went one by one; the connection's email went at once
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Peers.push().acceptedFor("digest-push-" + s).size() == 4);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Peers.mailTo(email).size() == 1);
        assertThat(Peers.mailTo(email).get(0).getSubject())
                .isEqualTo("Your connection to City of Springfield is approved");

        // close the window now (instead of waiting an hour)
        db.execute("update delivery set send_at = now() where id = ?::uuid", digest.get("id"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Peers.mailTo(email).size() == 2);
        MimeMessage mail = Peers.mailTo(email).stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith("3 new");
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("3 new signals assigned to you");
        String whole = GreenMailUtil.getWholeMessage(mail);
        for (AssignmentData a : as) {
            assertThat(whole).contains(a.signalIdentifier()).contains("/assignments/" + a.assignmentId());
        }
        // the SMTP server has the mail a moment before the delivery row records the success
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Deliveries.of(recipient).stream()
                                .filter(d -> d.get("id").equals(digest.get("id")))
                                .findFirst()
                                .orElseThrow()
                                .get("status"))
                        .isEqualTo("sent"));

        // the next assignment opens a new digest
        AssignmentData next = DomainEvents.assignment(s, "SIG-DIG010", "pending");
        DomainEvents.send(EventType.ASSIGNMENT_CREATED, next.assignmentId(), s, next);
        Inboxes.awaitNotification(token, "/assignments/" + next.assignmentId());
        assertThat(Deliveries.of(recipient).stream()
                        .filter(d -> Boolean.TRUE.equals(d.get("digest")) && "pending".equals(d.get("status")))
                        .map(d -> d.get("items"))
                        .toList())
                .containsExactly(1);
    }
}
