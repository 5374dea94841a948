package org.civstart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.peer.airtable.DemoBase;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.ServiceProcess;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The four services together, as packaged, each in its own process, on a real Kafka broker, a
 * real PostgreSQL server (one database each), a real SMTP server and a real Airtable protocol
 * peer; browsers are real WebSocket clients. The steps build on each other (one story) and print
 * the end-to-end latency each one observed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    /** The Airtable base's tables and field ids: the local stack's demo base (sync-service maps all five kinds). */
    private static final String TABLE = DemoBase.Table.SIGNALS.id();

    private static final Services services = new Services();
    private static final Map<String, Long> latencies = new LinkedHashMap<>();

    /** The four services and their peers (Airtable, SMTP). */
    private static Services.Stack stack;

    private static final String admin = TestTokens.admin("e2e-admin");
    private static WsClient adminSocket;
    private static WsClient laggingAdmin;
    private static String laggingPosition;
    private static String laggingLastId;
    private static final Map<String, WsClient> startupSockets = new HashMap<>();
    private static String startupA;
    private static String startupB;
    private static String airtableSignalId;
    private static String assignmentOfA;
    private static String base;
    private static String webhookId;

    @BeforeAll
    static void startEverything() throws Exception {
        stack = services.startAll("e2e", Map.of(), module -> Map.of());

        adminSocket = WsClient.connect(stack.gateway().ws("/admin"), admin);
        adminSocket.awaitEvent("system:welcome");
        laggingAdmin = WsClient.connect(stack.gateway().ws("/admin"), TestTokens.admin("e2e-lagging-admin"));
        laggingAdmin.awaitEvent("system:welcome");
    }

    @AfterAll
    static void stopEverything() {
        System.out.println();
        System.out.println("End-to-end latency per step (action → last expected WebSocket frame):");
        latencies.forEach((step, ms) -> System.out.printf("  %-70s %5d ms%n", step, ms));
        List.of(adminSocket, laggingAdmin).forEach(c -> {
            if (c != null) {
                c.close();
            }
        });
        startupSockets.values().forEach(WsClient::close);
        services.close();
    }

    private static long since(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static JsonNode awaitFrame(WsClient c, String event, Predicate<JsonNode> data) {
        return c.await(f -> event.equals(f.path("event").asText()) && data.test(f.path("data")));
    }

    @Test
    @Order(1)
    void airtableEditReachesAdminsAsSyncAndDomainEvents() {
        base = FakeAirtable.newBaseId();
        JsonNode hook =
                Rest.ok(stack.sync(), "POST", "/admin/airtable/webhooks", admin, Map.of("baseId", base)); // every table
        webhookId = hook.path("id").asText();
        // twice: the first edit meets cold code paths (JIT, first consumer fetches), the second is steady state
        for (String round : List.of("cold", "warm")) {
            String title = "Port authority seeks drone inspection (" + round + ")";
            String record = stack.airtable()
                    .create(
                            base,
                            TABLE,
                            DemoBase.cells(
                                    DemoBase.Table.SIGNALS,
                                    Map.of(
                                            "title",
                                            title,
                                            "agency",
                                            "Port of Oakland",
                                            "sectors",
                                            "drones",
                                            "poolCost",
                                            "30")));

            long t0 = System.nanoTime();
            assertThat(stack.airtable().ping(webhookId)).isEqualTo(204);
            awaitFrame(
                    adminSocket,
                    "airtable:signal:synced",
                    d -> record.equals(d.path("airtableRecordId").asText()));
            latencies.put("1. Airtable ping → admin gets airtable:signal:synced (" + round + ")", since(t0));
            JsonNode created = awaitFrame(
                    adminSocket,
                    "signal:created",
                    d -> record.equals(d.path("airtableRecordId").asText()));
            latencies.put("1. Airtable ping → admin gets signal:created (" + round + ")", since(t0));
            airtableSignalId = created.path("data").path("signalId").asText();
            assertThat(created.path("data").path("title").asText()).isEqualTo(title);
        }
    }

    @Test
    @Order(2)
    void assigningToTwoStartupsReachesEachOnlyItsOwnAndNotifiesThem() {
        startupA = Rest.ok(
                        stack.signal(),
                        "POST",
                        "/api/startups",
                        admin,
                        Map.of("name", "Drone Co", "sectors", List.of("drones")))
                .path("id")
                .asText();
        startupB = Rest.ok(
                        stack.signal(),
                        "POST",
                        "/api/startups",
                        admin,
                        Map.of("name", "Harbor AI", "sectors", List.of("ai")))
                .path("id")
                .asText();
        for (String s : List.of(startupA, startupB)) {
            WsClient c = WsClient.connect(stack.gateway().ws("/client"), TestTokens.startup(UUID.fromString(s)));
            c.awaitEvent("system:welcome");
            startupSockets.put(s, c);
        }
        // a second user of startup A, with a socket of his own
        String bobOfA = "e2e-bob-of-" + startupA;
        String bobToken = TestTokens.sign(bobOfA, Set.of("startup"), startupA, Duration.ofHours(1));
        WsClient bob = WsClient.connect(stack.gateway().ws("/client"), bobToken);
        bob.awaitEvent("system:welcome");
        startupSockets.put(bobOfA, bob);
        // each user's SPA loads its badge over REST: from then on notification-service sends that user their own count
        for (String token : List.of(
                TestTokens.startup(UUID.fromString(startupA)),
                TestTokens.startup(UUID.fromString(startupB)),
                bobToken)) {
            JsonNode badge = Rest.ok(stack.notification(), "GET", "/api/notifications/unread-count", token, null);
            assertThat(badge.path("unreadCount").asInt()).isZero();
        }
        // the lagging admin drops off now and comes back after step 4
        laggingLastId = laggingAdmin.events().isEmpty()
                ? null
                : laggingAdmin
                        .events()
                        .get(laggingAdmin.events().size() - 1)
                        .path("id")
                        .asText();
        laggingPosition = laggingAdmin.lastPosition();
        laggingAdmin.close();

        Rest.ok(
                stack.signal(),
                "POST",
                "/api/signals/" + airtableSignalId + "/transitions",
                admin,
                Map.of("status", "approved"));
        long t0 = System.nanoTime();
        Rest.ok(
                stack.signal(),
                "POST",
                "/api/signals/" + airtableSignalId + "/assignments",
                admin,
                Map.of(
                        "startupIds",
                        List.of(startupA, startupB),
                        "dueDate",
                        LocalDate.now().plusWeeks(2).toString()));
        for (String s : List.of(startupA, startupB)) {
            WsClient c = startupSockets.get(s);
            JsonNode assigned = awaitFrame(
                    c,
                    "signal:assigned",
                    d -> airtableSignalId.equals(d.path("signalId").asText()));
            assertThat(assigned.path("data").path("startupId").asText()).isEqualTo(s);
            awaitFrame(c, "notification:new", d -> true);
            awaitFrame(
                    c,
                    "notification:countChanged",
                    d -> d.path("unreadCount").asInt() == 1
                            && ("user-of-" + s).equals(d.path("userId").asText()));
        }
        awaitFrame(
                bob,
                "notification:countChanged",
                d -> d.path("unreadCount").asInt() == 1
                        && bobOfA.equals(d.path("userId").asText()));
        latencies.put("2. admin assigns to 2 startups → each user's notification:countChanged", since(t0));

        // A's first user reads it: her badge drops; Bob's (same startup) does not
        String tokenA = TestTokens.startup(UUID.fromString(startupA));
        String notificationId = Rest.ok(stack.notification(), "GET", "/api/notifications", tokenA, null)
                .path("items")
                .get(0)
                .path("id")
                .asText();
        long t1 = System.nanoTime();
        Rest.ok(stack.notification(), "POST", "/api/notifications/" + notificationId + "/read", tokenA, null);
        awaitFrame(
                startupSockets.get(startupA),
                "notification:countChanged",
                d -> d.path("unreadCount").asInt() == 0);
        latencies.put("2. a startup user reads it → her notification:countChanged", since(t1));
        Rest.ok(stack.notification(), "POST", "/api/notifications/" + notificationId + "/read", bobToken, null);
        awaitFrame(bob, "notification:countChanged", d -> d.path("unreadCount").asInt() == 0);
        assertThat(bob.framesNamed("notification:countChanged"))
                .as("Bob's badge: his own counts only, 1 then 0")
                .extracting(f -> f.path("data").path("userId").asText() + "="
                        + f.path("data").path("unreadCount").asInt())
                .containsExactly(bobOfA + "=1", bobOfA + "=0");
        assertThat(startupSockets.get(startupA).framesNamed("notification:countChanged"))
                .allSatisfy(
                        f -> assertThat(f.path("data").path("userId").asText()).isEqualTo("user-of-" + startupA));
        for (String s : List.of(startupA, startupB)) {
            String other = s.equals(startupA) ? startupB : startupA;
            assertThat(startupSockets.get(s).events())
                    .as("no frame of the other startup")
                    .noneMatch(
                            f -> other.equals(f.path("data").path("startupId").asText()));
        }
        adminSocket.await(f -> adminSocket.framesNamed("assignment:created").stream()
                        .filter(a -> airtableSignalId.equals(
                                a.path("data").path("signalId").asText()))
                        .count()
                == 2);
        latencies.put("2. admin assigns to 2 startups → admin's 2nd assignment:created", since(t0));
        assignmentOfA = awaitFrame(
                        startupSockets.get(startupA),
                        "assignment:created",
                        d -> airtableSignalId.equals(d.path("signalId").asText()))
                .path("data")
                .path("assignmentId")
                .asText();
    }

    @Test
    @Order(3)
    void aPoolRequestApprovedSpendsCreditsLiveAndInsufficientCreditsChangeNothing() {
        JsonNode pool = Rest.ok(
                stack.signal(),
                "POST",
                "/api/signals",
                admin,
                Map.of(
                        "title",
                        "County seeks flood sensors",
                        "sectors",
                        List.of("climate"),
                        "poolCost",
                        25,
                        "status",
                        "pending_review"));
        String poolSignal = pool.path("id").asText();
        Rest.ok(
                stack.signal(),
                "POST",
                "/api/signals/" + poolSignal + "/transitions",
                admin,
                Map.of("status", "approved"));
        Rest.ok(stack.signal(), "POST", "/api/signals/" + poolSignal + "/publish", admin, null);

        // the pool page shows the cost live: every startup gets signal:updated with the public fields only
        long tCost = System.nanoTime();
        Rest.ok(stack.signal(), "PATCH", "/api/signals/" + poolSignal, admin, Map.of("poolCost", 30));
        for (String s : List.of(startupA, startupB)) {
            JsonNode update = awaitFrame(
                    startupSockets.get(s),
                    "signal:updated",
                    d -> poolSignal.equals(d.path("signalId").asText()));
            assertThat(update.path("data").path("poolCost").asInt()).isEqualTo(30);
            assertThat(update.path("data").has("status")
                            || update.path("data").has("airtableRecordId")
                            || update.path("data").has("source"))
                    .as("a startup never receives an internal field")
                    .isFalse();
        }
        latencies.put("3. admin changes a pool signal's cost → every startup's signal:updated", since(tCost));
        JsonNode full = awaitFrame(
                adminSocket,
                "signal:updated",
                d -> poolSignal.equals(d.path("signalId").asText())
                        && d.path("changedFields").toString().contains("poolCost"));
        assertThat(full.path("data").path("status").asText()).isEqualTo("published");
        Rest.ok(
                stack.signal(),
                "POST",
                "/api/startups/" + startupA + "/credits/allocations",
                admin,
                Map.of("amount", 50, "reason", "e2e"));
        WsClient a = startupSockets.get(startupA);
        awaitFrame(a, "credits:updated", d -> d.path("balance").asLong() == 50);

        String tokenA = TestTokens.startup(UUID.fromString(startupA));
        String request = Rest.ok(
                        stack.signal(),
                        "POST",
                        "/api/pool-requests",
                        tokenA,
                        Map.of("signalId", poolSignal, "startupId", startupA, "message", "we fly drones"))
                .path("id")
                .asText();
        long t0 = System.nanoTime();
        Rest.ok(stack.signal(), "POST", "/api/pool-requests/" + request + "/approve", admin, Map.of("note", "go"));
        awaitFrame(
                a, "signal:assigned", d -> poolSignal.equals(d.path("signalId").asText()));
        awaitFrame(a, "credits:deducted", d -> d.path("balance").asLong() == 20);
        awaitFrame(a, "credits:updated", d -> d.path("balance").asLong() == 20);
        latencies.put("3. pool request approved → startup gets credits:updated (balance 20)", since(t0));

        // startup B has no credits: its request is refused with 409, and nothing is published
        String tokenB = TestTokens.startup(UUID.fromString(startupB));
        WsClient b = startupSockets.get(startupB);
        int framesBefore = b.events().size();
        Rest.Response refused = Rest.call(
                stack.signal(),
                "POST",
                "/api/pool-requests",
                tokenB,
                Map.of("signalId", poolSignal, "startupId", startupB, "message", "us too"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("message").asText()).contains("insufficient credits");
        // a fence: a public event published after the refusal reaches B; nothing of the refusal came before it
        Rest.ok(stack.signal(), "POST", "/api/signals/" + poolSignal + "/remove", admin, null);
        awaitFrame(
                b, "signal:removed", d -> poolSignal.equals(d.path("signalId").asText()));
        assertThat(b.events().subList(framesBefore, b.events().size()))
                .extracting(f -> f.path("event").asText())
                .containsExactly("signal:removed");
    }

    @Test
    @Order(4)
    void aStartupInterestedReachesAdminsWithANotification() {
        String tokenA = TestTokens.startup(UUID.fromString(startupA));
        long t0 = System.nanoTime();
        Rest.ok(
                stack.signal(),
                "POST",
                "/api/assignments/" + assignmentOfA + "/response",
                tokenA,
                Map.of("response", "interested", "note", "let's talk"));
        awaitFrame(
                adminSocket,
                "assignment:interested",
                d -> assignmentOfA.equals(d.path("assignmentId").asText()));
        latencies.put("4. startup answers interested → admin gets assignment:interested", since(t0));
        awaitFrame(adminSocket, "notification:new", d -> true);
        latencies.put("4. startup answers interested → admin gets notification:new", since(t0));
    }

    @Test
    @Order(5)
    void aClientThatMissedSteps2To4ResumesWithExactlyWhatItMissed() {
        // what the connected admin saw after the lagging admin left
        List<JsonNode> seen = adminSocket.events();
        int from = 0;
        if (laggingLastId != null) {
            for (int i = 0; i < seen.size(); i++) {
                if (laggingLastId.equals(seen.get(i).path("id").asText())) {
                    from = i + 1;
                }
            }
        }
        long t0 = System.nanoTime();
        try (WsClient back = WsClient.connect(stack.gateway().ws("/admin"), TestTokens.admin("e2e-lagging-admin"))) {
            back.send("{\"op\":\"resume\",\"position\":\"" + laggingPosition + "\"}");
            JsonNode resumed = back.awaitEvent("system:resumed");
            latencies.put(
                    "5. resume after missing steps 2-4 ("
                            + resumed.path("data").path("replayed").asInt() + " frames)",
                    since(t0));
            List<String> missed = back.events().stream()
                    .map(f -> f.path("id").asText() + "/" + f.path("event").asText())
                    .toList();
            assertThat(new HashSet<>(missed)).as("no duplicates").hasSize(missed.size());
            // everything the connected admin got since then (up to the moment of the resume), nothing else
            List<String> expected = seen.subList(from, seen.size()).stream()
                    .map(f -> f.path("id").asText() + "/" + f.path("event").asText())
                    .toList();
            assertThat(missed).containsAll(expected);
            assertThat(missed.subList(0, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
            // and one aggregate's events in commit order: startup A's balances
            List<Long> balances = back.events().stream()
                    .filter(f -> f.path("event").asText().equals("credits:updated")
                            && startupA.equals(f.path("data").path("startupId").asText()))
                    .map(f -> f.path("data").path("balance").asLong())
                    .toList();
            assertThat(balances).containsExactly(50L, 20L);
        }
    }

    @Test
    @Order(6)
    void staffsOrganizationsContactsAndInteractionsReachAdminsAndAreReadable() {
        long t0 = System.nanoTime();
        String org = stack.airtable()
                .create(
                        base,
                        DemoBase.Table.ORGANIZATIONS.id(),
                        DemoBase.cells(
                                DemoBase.Table.ORGANIZATIONS,
                                Map.of(
                                        "name",
                                        "Port of Oakland",
                                        "sector",
                                        "Transportation",
                                        "location",
                                        "Oakland, CA")));
        String contact = stack.airtable()
                .create(
                        base,
                        DemoBase.Table.CONTACTS.id(),
                        DemoBase.cells(
                                DemoBase.Table.CONTACTS,
                                Map.of("name", "Rita Moreno", "role", "Innovation lead", "organization", org)));
        String call = stack.airtable()
                .create(
                        base,
                        DemoBase.Table.INTERACTIONS.id(),
                        DemoBase.cells(
                                DemoBase.Table.INTERACTIONS,
                                Map.of(
                                        "contact",
                                        contact,
                                        "organization",
                                        org,
                                        "type",
                                        "Call",
                                        "date",
                                        LocalDate.now().toString())));
        assertThat(stack.airtable().ping(webhookId)).isEqualTo(204);
        // the old frontend's name for organizations, and the catalog's for the others
        awaitFrame(
                adminSocket,
                "organization:synced",
                d -> org.equals(d.path("airtableRecordId").asText()));
        awaitFrame(
                adminSocket,
                "airtable:contact:synced",
                d -> contact.equals(d.path("airtableRecordId").asText()));
        awaitFrame(
                adminSocket,
                "airtable:interaction:synced",
                d -> call.equals(d.path("airtableRecordId").asText()));
        latencies.put("6. Airtable ping → admin gets organization, contact and interaction synced", since(t0));

        // the organizations page loads (or refetches) them from sync-service's mirror
        JsonNode contacts =
                Rest.ok(stack.sync(), "GET", "/admin/airtable/records/contacts?organization=" + org, admin, null);
        assertThat(contacts.path("total").asInt()).isEqualTo(1);
        assertThat(contacts.path("items").get(0).path("fields").path("name").asText())
                .isEqualTo("Rita Moreno");
        JsonNode interactions =
                Rest.ok(stack.sync(), "GET", "/admin/airtable/records/interactions?contact=" + contact, admin, null);
        assertThat(interactions.path("items").get(0).path("recordId").asText()).isEqualTo(call);
        assertThat(Rest.call(
                                stack.sync(),
                                "GET",
                                "/admin/airtable/records/organizations",
                                TestTokens.startup(UUID.fromString(startupA)),
                                null)
                        .status())
                .isEqualTo(403);
    }

    /**
     * Every metric name that the Grafana dashboard and the PrometheusRule of deploy/k8s/monitoring
     * query is one the running services export on /q/metrics. Some meters exist only once their
     * first event happened, so this step makes each happen for real first: an assignment email
     * (notification deliveries), and on a gateway replica of its own with short ping and dead-peer
     * timeouts, a client that reads nothing while its startup's events pour in (slow-client close)
     * and one that answers no ping (dead-peer close). The Kafka clients' per-partition metrics are
     * registered by Micrometer's periodic refresh (every 60 s), hence the wait at the end.
     */
    @Test
    @Order(7)
    void everyMetricTheDashboardAndTheAlertsQueryIsExportedByTheRunningServices() throws Exception {
        Set<String> used = MonitoringMetricNames.used();
        System.out.println("metric names queried by deploy/k8s/monitoring: " + used);
        assertThat(used)
                .hasSizeGreaterThan(10)
                .contains("gateway_delivery_latency_seconds_bucket", "outbox_oldest_pending_age_seconds");

        // startup B's users take assignments by email: one delivery through the real SMTP server
        String tokenB = TestTokens.startup(UUID.fromString(startupB));
        String address = "harbor-ai-team@e2e.example";
        Rest.ok(
                stack.notification(),
                "PUT",
                "/api/notification-preferences",
                tokenB,
                Map.of("email", address, "channels", Map.of("assignment", List.of("email")), "digestEnabled", false));
        String sonar = Rest.ok(
                        stack.signal(),
                        "POST",
                        "/api/signals",
                        admin,
                        Map.of(
                                "title",
                                "Harbor seeks sonar mapping",
                                "sectors",
                                List.of("ai"),
                                "poolCost",
                                10,
                                "status",
                                "pending_review"))
                .path("id")
                .asText();
        Rest.ok(stack.signal(), "POST", "/api/signals/" + sonar + "/transitions", admin, Map.of("status", "approved"));
        Rest.ok(
                stack.signal(),
                "POST",
                "/api/signals/" + sonar + "/assignments",
                admin,
                Map.of(
                        "startupIds",
                        List.of(startupB),
                        "dueDate",
                        LocalDate.now().plusWeeks(2).toString()));

        Map<String, String> replicaConfig = Map.of(
                "kafka.bootstrap.servers",
                Infrastructure.kafka().bootstrapServers(),
                "civstart.gateway.ping-interval",
                "2s",
                "civstart.gateway.dead-peer-timeout",
                "15s",
                "civstart.gateway.outbound-queue-bytes",
                "32768");
        try (ServiceProcess replica = ServiceProcess.start(
                "realtime-gateway-metrics", ServiceProcess.jarOf("realtime-gateway"), replicaConfig, "-Xmx320m")) {
            UUID slowStartup = UUID.randomUUID();
            WsClient slow = WsClient.connect(
                    replica.ws("/client"), TestTokens.startup(slowStartup), WsClient.Auth.HEADER, false);
            WsClient silent = WsClient.connect(
                    replica.ws("/client"), TestTokens.startup(UUID.randomUUID()), WsClient.Auth.HEADER, false);
            try {
                slow.awaitEvent("system:welcome");
                silent.awaitEvent("system:welcome");
                // the startup's own dashboard metrics (topic metrics: only gateways read it), big ones, until the
                // socket is closed
                String padding = "x".repeat(32_000);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.<String, Object>of(
                                "bootstrap.servers",
                                Infrastructure.kafka().bootstrapServers(),
                                "acks",
                                "1",
                                "linger.ms",
                                "5"),
                        new StringSerializer(),
                        new StringSerializer())) {
                    for (int i = 0; i < 800 && !slow.isClosed() && (i % 50 != 0 || !slowClientClosed(replica)); i++) {
                        CloudEvent e = new CloudEvent(
                                UUID.randomUUID().toString(),
                                EventType.METRICS_UPDATED.type(),
                                "e2e",
                                slowStartup.toString(),
                                Instant.now(),
                                slowStartup.toString(),
                                EventType.METRICS_UPDATED.audience().header(slowStartup),
                                Rest.JSON.writeValueAsString(Map.of(
                                        "scope",
                                        "startup",
                                        "startupId",
                                        slowStartup.toString(),
                                        "counters",
                                        Map.of("signals", i),
                                        "computedAt",
                                        Instant.now().toString(),
                                        "note",
                                        padding)));
                        producer.send(e.toRecord(Topic.METRICS.topicName()));
                        if (i % 50 == 49) {
                            producer.flush();
                        }
                    }
                }
                awaitMetrics(
                        replica,
                        Duration.ofSeconds(60),
                        text -> text.contains("gateway_slow_client_closes_total{")
                                && text.contains("gateway_dead_peer_closes_total{"));
            } finally {
                slow.abort();
                silent.abort();
            }
            assertThat(stack.smtp().waitForIncomingEmail(30_000, 1))
                    .as("the assignment email was sent")
                    .isTrue();
            assertThat(Arrays.stream(stack.smtp().getReceivedMessages()).flatMap(m -> {
                        try {
                            return Arrays.stream(m.getAllRecipients()).map(Object::toString);
                        } catch (Exception ex) {
                            throw new IllegalStateException(ex);
                        }
                    }))
                    .contains(address);

            List<ServiceProcess> running =
                    List.of(stack.signal(), stack.notification(), stack.sync(), stack.gateway(), replica);
            Set<String> missing = new TreeSet<>(used);
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (true) {
                Set<String> exported = new HashSet<>();
                for (ServiceProcess p : running) {
                    exported.addAll(MonitoringMetricNames.exported(metricsOf(p)));
                }
                missing = new TreeSet<>(used);
                missing.removeAll(exported);
                if (missing.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2_000);
            }
            assertThat(missing)
                    .as("metric names queried by deploy/k8s/monitoring that no running service exports")
                    .isEmpty();
        }
    }

    private static boolean slowClientClosed(ServiceProcess replica) throws Exception {
        return metricsOf(replica).contains("gateway_slow_client_closes_total{");
    }

    private static void awaitMetrics(ServiceProcess p, Duration timeout, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = metricsOf(p);
        while (!condition.test(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(p.url("/q/metrics") + " never showed what was expected:\n"
                        + text.lines().filter(l -> l.startsWith("gateway_")).collect(Collectors.joining("\n")));
            }
            Thread.sleep(500);
            text = metricsOf(p);
        }
    }

    private static String metricsOf(ServiceProcess p) throws Exception {
        HttpResponse<String> r = p.get("/q/metrics");
        assertThat(r.statusCode()).as(p.url("/q/metrics")).isEqualTo(200);
        return r.body();
    }
}
