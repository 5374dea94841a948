package org.civstart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.civstart.events.payload.PublicSignalData;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void committedAsyncApiDocumentMatchesTheCatalog() throws IOException {
        String committed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AsyncApi.RESOURCE)) {
            assertThat(in).as(AsyncApi.RESOURCE + " is on the classpath").isNotNull();
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(committed)
                .as("the AsyncAPI document is stale: run ./mvnw -pl platform/events exec:java and commit the result")
                .isEqualTo(AsyncApi.generate());
    }

    @Test
    void asyncApiDocumentListsEveryTopicAndEveryMessage() {
        String doc = AsyncApi.generate();
        for (Topic topic : Topic.values()) {
            assertThat(doc).contains("address: " + topic.topicName());
        }
        for (EventType type : EventType.values()) {
            assertThat(doc).contains("name: " + type.type());
        }
    }

    @Test
    void typesAreUniqueAndNamesWellFormed() {
        Set<String> types = new HashSet<>();
        Pattern typePattern = Pattern.compile("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)+");
        Pattern wsPattern = Pattern.compile("[a-z][a-zA-Z]*(:[a-z][a-zA-Z]*)+");
        for (EventType t : EventType.values()) {
            assertThat(types.add(t.type())).as("duplicate type " + t.type()).isTrue();
            assertThat(t.type()).matches(typePattern);
            assertThat(new HashSet<>(t.webSocketNames()))
                    .as("names of " + t.type())
                    .hasSameSizeAs(t.webSocketNames());
            t.webSocketNames().forEach(ws -> assertThat(ws).matches(wsPattern));
            assertThat(EventType.ofType(t.type())).isSameAs(t);
        }
        assertThat(EventType.ofType("no.such-type")).isNull();
    }

    /**
     * What a WebSocket client relies on: on its endpoint, one event name always carries one payload
     * shape. A name may be shared by catalog types that reach different endpoints with different
     * payloads (signal:updated: the full signal on /admin, its public fields on /client), or reach
     * the same endpoint with the same payload (signal:updated of a pool signal and of an assigned one).
     */
    @Test
    void aWebSocketNameMeansOnePayloadOnEachEndpoint() {
        for (boolean admins : new boolean[] {true, false}) {
            Map<String, Set<Class<?>>> payloads = new TreeMap<>();
            for (EventType t : EventType.values()) {
                if (admins ? t.audience().reachesAdmins() : t.audience().reachesStartups()) {
                    t.webSocketNames()
                            .forEach(ws -> payloads.computeIfAbsent(ws, n -> new HashSet<>())
                                    .add(t.payloadType()));
                }
            }
            payloads.forEach((ws, shapes) -> assertThat(shapes)
                    .as((admins ? "/admin " : "/client ") + ws)
                    .hasSize(1));
        }
        assertThat(EventType.SIGNAL_UPDATED.audience().reachesStartups()).isFalse();
        assertThat(List.of(EventType.SIGNAL_POOL_UPDATED, EventType.SIGNAL_ASSIGNEE_UPDATED))
                .allSatisfy(t -> assertThat(t.webSocketName()).isEqualTo("signal:updated"))
                .allSatisfy(t -> assertThat(t.audience().reachesAdmins()).isFalse());
    }

    /** A startup may read a signal's public fields only: nothing a startup can receive carries an internal one. */
    @Test
    void noEventAStartupCanReceiveCarriesAnInternalField() {
        Set<String> internal = Set.of("airtableRecordId", "source");
        Set<String> internalOfSignals = Set.of("status", "previousStatus", "nextStatuses");
        for (EventType t : EventType.values()) {
            if (!t.audience().reachesStartups()) {
                continue;
            }
            List<String> fields = Arrays.stream(t.payloadType().getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            assertThat(fields).as(t.type()).doesNotContainAnyElementsOf(internal);
            if (t.topic() == Topic.SIGNALS) {
                assertThat(fields).as(t.type()).doesNotContainAnyElementsOf(internalOfSignals);
            }
        }
        List<String> publicFields = Arrays.stream(PublicSignalData.class.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        assertThat(publicFields).containsAll(PublicSignalData.PUBLIC_FIELDS);
        assertThat(EventType.SIGNAL_PUBLISHED.payloadType()).isEqualTo(PublicSignalData.class);
        assertThat(EventType.SIGNAL_REMOVED.payloadType()).isEqualTo(PublicSignalData.class);
    }

    @Test
    void catalogCoversDesignTable() {
        // The event types of DESIGN.md's table, per topic.
        assertThat(typesOn(Topic.SIGNALS))
                .containsExactlyInAnyOrder(
                        "signal.created",
                        "signal.updated",
                        "signal.pool-updated",
                        "signal.assignee-updated",
                        "signal.published",
                        "signal.removed",
                        "signal.assigned",
                        "signal.status-changed",
                        "signal.match-generated");
        assertThat(typesOn(Topic.CREDITS))
                .containsExactlyInAnyOrder(
                        "credits.updated", "credits.deducted", "credits.allocated", "credits.tier-changed");
        assertThat(typesOn(Topic.NOTIFICATIONS))
                .containsExactlyInAnyOrder(
                        "notification.new", "notification.read", "notification.deleted", "notification.count-changed");
        assertThat(EventType.SIGNAL_MATCH_GENERATED.webSocketNames())
                .containsExactly("signal:matchGenerated", "match:generated");
        // the names the seed's page table uses
        assertThat(EventType.CREDITS_UPDATED.webSocketNames()).containsExactly("credits:updated", "credits:changed");
        assertThat(EventType.ASSIGNMENT_CREATED.webSocketNames())
                .containsExactly("assignment:created", "assignment:new");
        assertThat(EventType.AIRTABLE_ORGANIZATION_SYNCED.webSocketNames())
                .containsExactly("airtable:organization:synced", "organization:synced");
    }

    @Test
    void audienceHeaders() {
        assertThat(Audience.ADMINS.header("s1")).isEqualTo("admin");
        assertThat(Audience.ADMINS_AND_STARTUP.header("s1")).isEqualTo("admin,startup");
        assertThat(Audience.ADMINS_AND_STARTUP.header(null)).isEqualTo("admin");
        assertThat(Audience.ADMINS_AND_ALL_STARTUPS.header(null)).isEqualTo("admin,startups");
        assertThat(Audience.RECIPIENT.header("s1")).isEqualTo("startup");
        assertThat(Audience.RECIPIENT.header(null)).isEqualTo("admin");
        assertThat(Audience.STARTUP.header("s1")).isEqualTo("startup");
        assertThat(Audience.ALL_STARTUPS.header(null)).isEqualTo("startups");
        assertThat(Audience.USER.header(null)).isEqualTo("user");
        assertThat(Audience.STARTUP.reachesAdmins()).isFalse();
        assertThat(Audience.ALL_STARTUPS.reachesAdmins()).isFalse();
        assertThat(Audience.ADMINS.reachesStartups()).isFalse();
        assertThat(Audience.USER.reachesAdmins()).isTrue();
        assertThat(Audience.USER.reachesStartups()).isTrue();
        assertThat(EventType.ADMIN_PREFERENCES_UPDATED.audience()).isEqualTo(Audience.USER);
        assertThat(EventType.ADMIN_PREFERENCES_UPDATED.topic().compacted()).isTrue();
        assertThat(EventType.SIGNAL_CREATED.topic().compacted()).isFalse();
    }

    @Test
    void aNewNotificationGoesToItsInboxAndEverythingPerUserToTheOneUser() {
        assertThat(EventType.NOTIFICATION_NEW.audience()).isEqualTo(Audience.RECIPIENT);
        for (EventType perUser : List.of(
                EventType.NOTIFICATION_READ, EventType.NOTIFICATION_DELETED, EventType.NOTIFICATION_COUNT_CHANGED)) {
            assertThat(perUser.audience()).as(perUser.type()).isEqualTo(Audience.USER);
        }
        assertThat(Arrays.stream(EventType.NOTIFICATION_COUNT_CHANGED
                                .payloadType()
                                .getRecordComponents())
                        .map(c -> c.getName()))
                .containsExactly("userId", "startupId", "unreadCount", "version");
        assertThat(Arrays.stream(EventType.NOTIFICATION_NEW.payloadType().getRecordComponents())
                        .map(c -> c.getName()))
                .contains("notificationId", "category", "title", "body", "link", "createdAt", "version")
                .doesNotContain("unreadCount");
    }

    @Test
    void eventPatternsAreCatalogNamesOrPrefixesThatMatchOne() {
        assertThat(EventPatterns.known("credits:updated")).isTrue();
        assertThat(EventPatterns.known("match:generated")).as("an alias").isTrue();
        assertThat(EventPatterns.known("signal:*")).isTrue();
        assertThat(EventPatterns.known("*")).isTrue();
        assertThat(EventPatterns.known("credits:*ted")).isFalse();
        assertThat(EventPatterns.known("sig*nal*")).isFalse();
        assertThat(EventPatterns.known("gossip:*")).as("matches nothing").isFalse();
        assertThat(EventPatterns.known("credits:update")).isFalse();
        assertThat(EventPatterns.known("")).isFalse();
        assertThat(EventPatterns.known(null)).isFalse();
        assertThat(EventPatterns.matches("signal:*", "signal:assigned")).isTrue();
        assertThat(EventPatterns.matches("signal:*", "assignment:created")).isFalse();
        assertThat(EventPatterns.webSocketNames())
                .contains("signal:assigned", "notification:countChanged", "match:generated")
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void userActorAndCorrelationIdTravelAsCloudEventsExtensions() {
        CloudEvent event = new CloudEvent(
                        "7d1f0c1e-0000-4000-8000-000000000002",
                        "notification.count-changed",
                        "notification-service",
                        "n-1",
                        Instant.parse("2026-11-23T10:15:30Z"),
                        null,
                        "user",
                        "{}")
                .withUser("user-7")
                .withContext("admin-1", "req-42");
        ProducerRecord<String, String> produced = event.toRecord("notifications");
        assertThat(CloudEvent.header(produced.headers(), CloudEvent.USER_ID)).isEqualTo("user-7");
        assertThat(CloudEvent.header(produced.headers(), CloudEvent.ACTOR)).isEqualTo("admin-1");
        assertThat(CloudEvent.header(produced.headers(), CloudEvent.CORRELATION_ID))
                .isEqualTo("req-42");
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>(
                "notifications",
                0,
                1L,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.empty());
        assertThat(CloudEvent.of(consumed)).isEqualTo(event);
    }

    @Test
    void cloudEventRoundTripsThroughKafkaHeaders() {
        CloudEvent event = new CloudEvent(
                "7d1f0c1e-0000-4000-8000-000000000001",
                "signal.assigned",
                "signal-service",
                "sig-1",
                Instant.parse("2026-11-23T10:15:30.123456Z"),
                "st-1",
                "admin,startup",
                "{\"a\":1}");
        ProducerRecord<String, String> produced = event.toRecord("signals");
        assertThat(produced.key()).isEqualTo("sig-1");
        assertThat(CloudEvent.header(produced.headers(), CloudEvent.SPECVERSION))
                .isEqualTo("1.0");
        assertThat(CloudEvent.header(produced.headers(), CloudEvent.CONTENT_TYPE))
                .isEqualTo("application/json");

        ConsumerRecord<String, String> consumed = new ConsumerRecord<>(
                "signals",
                0,
                42L,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.empty());
        assertThat(CloudEvent.of(consumed)).isEqualTo(event);
        assertThat(CloudEvent.of(consumed).eventType()).isEqualTo(EventType.SIGNAL_ASSIGNED);
    }

    private static List<String> typesOn(Topic topic) {
        return EventType.onTopic(topic).stream()
                .map(EventType::type)
                .filter(t -> Arrays.stream(new String[] {"pool-request"}).noneMatch(t::startsWith))
                .toList();
    }
}
