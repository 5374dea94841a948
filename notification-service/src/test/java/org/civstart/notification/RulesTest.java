package org.civstart.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.events.payload.AirtableWebhookData;
import org.civstart.events.payload.AssignmentData;
import org.civstart.events.payload.ContactRequestData;
import org.civstart.events.payload.CreditsData;
import org.civstart.events.payload.PoolRequestData;
import org.civstart.notification.rules.NotificationRules;
import org.civstart.notification.support.DomainEvents;
import org.civstart.notification.support.Inboxes;
import org.civstart.notification.support.Peers;
import org.civstart.notification.support.UserEvents;
import org.civstart.testing.Db;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Each rule end to end: a catalog event on Kafka → a notification in the right inbox →
 * {@code notification.new} and {@code notification.count-changed} routed to that recipient → the
 * email at the recipient's address on the real SMTP server.
 */
@QuarkusTest
@RealPeers
class RulesTest {

    static final String ADMINS_EMAIL = "staff-" + UUID.randomUUID() + "@civstart.test";
    /** The admin who reads the admin notifications here (own preferences: one email each). */
    static final String RULES_ADMIN = "rules-admin-" + UUID.randomUUID();

    @Inject
    ObjectMapper json;

    private final Db db = Db.application();

    @BeforeEach
    void adminsReadTheirEmail() {
        Inboxes.putPreferences(TestTokens.admin(RULES_ADMIN), Map.of("email", ADMINS_EMAIL, "channels", Map.of()));
    }

    /** A rule's case: the event, and what the recipient must read (the category by its wire name). */
    record Case(
            String name,
            EventType type,
            Object subject,
            UUID startupId,
            Record payload,
            boolean toAdmins,
            String link,
            String title,
            String category) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rules() {
        UUID s = UUID.randomUUID();
        AssignmentData created = DomainEvents.assignment(s, "SIG-ABC123", "pending");
        PoolRequestData approved = DomainEvents.poolRequest(UUID.randomUUID(), "SIG-POOL01", "approved");
        PoolRequestData rejected = DomainEvents.poolRequest(UUID.randomUUID(), "SIG-POOL02", "rejected");
        var connection = DomainEvents.connection(UUID.randomUUID(), "approved", "pending");
        UUID low = UUID.randomUUID();
        CreditsData creditsLow = DomainEvents.credits(low, 3, -4);
        UUID tier = UUID.randomUUID();
        CreditsData tierChanged = DomainEvents.tierChanged(tier, "growth", "starter");
        AssignmentData interested = DomainEvents.assignment(UUID.randomUUID(), "SIG-INT001", "interested");
        AssignmentData declined = DomainEvents.assignment(UUID.randomUUID(), "SIG-DEC001", "declined");
        AssignmentData viewed = DomainEvents.assignment(UUID.randomUUID(), "SIG-VIEW01", "viewed");
        AssignmentData d = DomainEvents.assignment(UUID.randomUUID(), "SIG-RSP001", "interested");
        AssignmentData changed = new AssignmentData(
                d.assignmentId(),
                d.signalId(),
                d.signalIdentifier(),
                d.signalTitle(),
                d.startupId(),
                d.startupName(),
                d.assignmentType(),
                "interested",
                "declined",
                "we reconsidered",
                d.dueDate(),
                Instant.now());
        PoolRequestData poolCreated = DomainEvents.poolRequest(UUID.randomUUID(), "SIG-POOL03", "pending");
        ContactRequestData contact = DomainEvents.contactRequest(UUID.randomUUID(), "Jane Mayor");
        AirtableWebhookData failed = DomainEvents.webhookFailed(
                "appBASE" + UUID.randomUUID().toString().substring(0, 6));
        return Stream.of(
                        new Case(
                                "assignment.created → startup",
                                EventType.ASSIGNMENT_CREATED,
                                created.assignmentId(),
                                s,
                                created,
                                false,
                                "/assignments/" + created.assignmentId(),
                                "Signal SIG-ABC123 has been assigned to you",
                                "assignment"),
                        new Case(
                                "pool-request.approved → startup",
                                EventType.POOL_REQUEST_APPROVED,
                                approved.poolRequestId(),
                                approved.startupId(),
                                approved,
                                false,
                                "/pool-requests/" + approved.poolRequestId(),
                                "Your request for SIG-POOL01 was approved",
                                "pool_request"),
                        new Case(
                                "pool-request.rejected → startup",
                                EventType.POOL_REQUEST_REJECTED,
                                rejected.poolRequestId(),
                                rejected.startupId(),
                                rejected,
                                false,
                                "/pool-requests/" + rejected.poolRequestId(),
                                "Your request for SIG-POOL02 was declined",
                                "pool_request"),
                        new Case(
                                "connection.status-changed → startup",
                                EventType.CONNECTION_STATUS_CHANGED,
                                connection.connectionId(),
                                connection.startupId(),
                                connection,
                                false,
                                "/connections/" + connection.connectionId(),
                                "Your connection to City of Springfield is approved",
                                "connection"),
                        new Case(
                                "credits low → startup",
                                EventType.CREDITS_UPDATED,
                                low,
                                low,
                                creditsLow,
                                false,
                                "/credits",
                                "Your credits are running low",
                                "credits"),
                        new Case(
                                "credits.tier-changed → startup",
                                EventType.CREDITS_TIER_CHANGED,
                                tier,
                                tier,
                                tierChanged,
                                false,
                                "/credits",
                                "Your plan changed to growth",
                                "credits"),
                        new Case(
                                "assignment.interested → admins",
                                EventType.ASSIGNMENT_INTERESTED,
                                interested.assignmentId(),
                                interested.startupId(),
                                interested,
                                true,
                                "/admin/assignments/" + interested.assignmentId(),
                                "Acme Robotics is interested in SIG-INT001",
                                "assignment"),
                        new Case(
                                "assignment.declined → admins",
                                EventType.ASSIGNMENT_DECLINED,
                                declined.assignmentId(),
                                declined.startupId(),
                                declined,
                                true,
                                "/admin/assignments/" + declined.assignmentId(),
                                "Acme Robotics declined SIG-DEC001",
                                "assignment"),
                        new Case(
                                "assignment.viewed → admins",
                                EventType.ASSIGNMENT_VIEWED,
                                viewed.assignmentId(),
                                viewed.startupId(),
                                viewed,
                                true,
                                "/admin/assignments/" + viewed.assignmentId(),
                                "Acme Robotics viewed SIG-VIEW01",
                                "assignment"),
                        new Case(
                                "assignment.response-changed → admins",
                                EventType.ASSIGNMENT_RESPONSE_CHANGED,
                                changed.assignmentId(),
                                changed.startupId(),
                                changed,
                                true,
                                "/admin/assignments/" + changed.assignmentId(),
                                "Acme Robotics changed its answer on SIG-RSP001 to interested",
                                "assignment"),
                        new Case(
                                "pool-request.created → admins",
                                EventType.POOL_REQUEST_CREATED,
                                poolCreated.poolRequestId(),
                                poolCreated.startupId(),
                                poolCreated,
                                true,
                                "/admin/pool-requests/" + poolCreated.poolRequestId(),
                                "Acme Robotics requests SIG-POOL03",
                                "pool_request"),
                        new Case(
                                "contact-request.created → admins",
                                EventType.CONTACT_REQUEST_CREATED,
                                contact.contactRequestId(),
                                contact.startupId(),
                                contact,
                                true,
                                "/admin/contact-requests/" + contact.contactRequestId(),
                                "Acme Robotics asks for an introduction to Jane Mayor",
                                "contact_request"),
                        new Case(
                                "airtable.webhook.failed → admins",
                                EventType.AIRTABLE_WEBHOOK_FAILED,
                                failed.webhookId(),
                                null,
                                failed,
                                true,
                                "/admin/airtable/webhooks/" + failed.webhookId(),
                                "Airtable sync failed for base " + failed.baseId(),
                                "sync"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleNotifiesItsRecipientEndToEnd(Case c) throws Exception {
        String token = c.toAdmins() ? TestTokens.admin(RULES_ADMIN) : TestTokens.startup(c.startupId());
        String user = c.toAdmins() ? RULES_ADMIN : "user-of-" + c.startupId();
        String email = c.toAdmins() ? ADMINS_EMAIL : "team-" + c.startupId() + "@acme.test";
        if (!c.toAdmins()) {
            Inboxes.putPreferences(token, Map.of("email", email));
        }
        String recipient = c.toAdmins() ? "admins" : "startup:" + c.startupId();
        try (EventRecorder recorder = EventRecorder.on(Topic.NOTIFICATIONS)) {
            DomainEvents.send(c.type(), c.subject(), c.startupId(), c.payload());

            Map<String, Object> n = Inboxes.awaitNotification(token, c.link());
            assertThat(n.get("title")).isEqualTo(c.title());
            assertThat(n.get("eventType")).isEqualTo(c.type().type());
            assertThat(n.get("category")).isEqualTo(c.category());
            assertThat(db.rows("select category from notification where id = ?::uuid", n.get("id")))
                    .containsExactly(Map.of("category", c.category()));

            ConsumerRecord<String, String> created =
                    recorder.await(1, r -> isNew(r, (String) n.get("id"))).get(0);
            CloudEvent ce = CloudEvent.of(created);
            assertThat(created.key()).isEqualTo(recipient);
            assertThat(ce.audience()).isEqualTo(c.toAdmins() ? "admin" : "startup");
            assertThat(ce.startupId())
                    .isEqualTo(c.toAdmins() ? null : c.startupId().toString());
            assertThat(UserEvents.data(created).get("category").asText()).isEqualTo(c.category());
            // the reader's count, committed with it, is theirs alone and what REST says
            JsonNode countData = UserEvents.await(recorder, 1, EventType.NOTIFICATION_COUNT_CHANGED, user)
                    .get(0);
            Inboxes.Count now = Inboxes.count(token);
            assertThat(countData.get("unreadCount").asLong()).isEqualTo(now.unreadCount());
            assertThat(countData.get("version").asLong()).isEqualTo(now.version());
            assertThat(countData.get("startupId").isNull()).isEqualTo(c.toAdmins());
            if (!c.toAdmins()) {
                assertThat(now.unreadCount()).isEqualTo(1);
            }
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mailWithSubject(email, c.title()) != null);
        MimeMessage mail = mailWithSubject(email, c.title());
        assertThat(GreenMailUtil.getWholeMessage(mail)).contains(c.link());
    }

    @Test
    void creditsNotifyOnceWhenTheBalanceFallsBelowTheThresholdNotOnEveryDeduction() {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        // same key, same partition, consumed in this order
        DomainEvents.send(EventType.CREDITS_UPDATED, s, s, DomainEvents.credits(s, 20, -2)); // high
        DomainEvents.send(EventType.CREDITS_UPDATED, s, s, DomainEvents.credits(s, 4, -16)); // falls below 5: notify
        DomainEvents.send(EventType.CREDITS_UPDATED, s, s, DomainEvents.credits(s, 3, -1)); // still low: no more
        DomainEvents.send(EventType.CREDITS_DEDUCTED, s, s, DomainEvents.credits(s, 3, -1)); // no rule
        DomainEvents.send(
                EventType.CREDITS_TIER_CHANGED, s, s, DomainEvents.tierChanged(s, "growth", "starter")); // marker
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Inboxes.list(token, null).getList("items").size() >= 2);

        List<Map<String, Object>> items = Inboxes.list(token, null).getList("items");
        assertThat(items)
                .extracting(i -> i.get("title"))
                .containsExactly("Your plan changed to growth", "Your credits are running low");
        assertThat(items.get(1).get("body")).isEqualTo("Your balance is 4 credits.");
    }

    @Test
    void eventsNoRuleConcernsNotifyNobody() {
        UUID s = UUID.randomUUID();
        String token = TestTokens.startup(s);
        // same key, same partition of the credits topic: consumed before the marker
        DomainEvents.send(EventType.CREDITS_ALLOCATED, s, s, DomainEvents.credits(s, 60, 10));
        DomainEvents.send(EventType.CREDITS_DEDUCTED, s, s, DomainEvents.credits(s, 59, -1));
        DomainEvents.send(EventType.CREDITS_UPDATED, s, s, DomainEvents.credits(s, 59, -1)); // not low: no rule applies
        DomainEvents.send(
                EventType.CREDITS_TIER_CHANGED, s, s, DomainEvents.tierChanged(s, "growth", "starter")); // marker
        Inboxes.awaitNotification(token, "/credits");
        assertThat(Inboxes.list(token, null).getList("items")).hasSize(1);
        assertThat(db.count("select count(*) from notification where startup_id = ?", s))
                .isEqualTo(1);
    }

    @Test
    void everyEventTypeARuleConcernsHasItsTemplatesAndNoOtherDoes() {
        for (EventType type : EventType.values()) {
            boolean template =
                    getClass().getClassLoader().getResource("templates/notifications/" + type.type() + ".txt") != null;
            assertThat(template).as("template of %s", type.type()).isEqualTo(NotificationRules.concerns(type));
        }
    }

    private static boolean isNew(ConsumerRecord<String, String> r, String notificationId) {
        return EventType.NOTIFICATION_NEW.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE))
                && r.value().contains(notificationId);
    }

    private static MimeMessage mailWithSubject(String address, String subject) {
        return Peers.mailTo(address).stream()
                .filter(m -> {
                    try {
                        return subject.equals(m.getSubject());
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst()
                .orElse(null);
    }
}
