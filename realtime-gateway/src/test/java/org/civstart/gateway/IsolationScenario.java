package org.civstart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import org.awaitility.core.ConditionTimeoutException;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.testing.EventPublisher;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rooms and users kept apart under random traffic: {@code startups} rooms of {@code usersPerStartup}
 * users and {@code admins} admins, connected to a real gateway, receive random events of every
 * audience. Each user must receive exactly its startup's events, the public ones and its own
 * {@code user} events; admins every admin event; no one ever a frame of another startup or of
 * another user — not even of a teammate.
 */
final class IsolationScenario {

    private static final EventType[] OWN = {
        EventType.SIGNAL_ASSIGNED,
        EventType.ASSIGNMENT_CREATED,
        EventType.CREDITS_UPDATED,
        EventType.CONNECTION_STATUS_CHANGED,
        EventType.CONTACT_REQUEST_CREATED
    };

    private final URI admin;
    private final URI client;

    IsolationScenario(URI admin, URI client) {
        this.admin = admin;
        this.client = client;
    }

    /**
     * Publishes {@code events} random events: with {@code perSecond} 0 one at a time, each acknowledged
     * by the broker first; otherwise at that rate without waiting, so the gateway routes many events
     * per batch.
     */
    void run(int startups, int usersPerStartup, int admins, int events, int perSecond, long seed) {
        Random random = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        Map<UUID, List<String>> users = new HashMap<>(); // startup → its users' subs
        Map<String, WsClient> clients = new HashMap<>();
        List<WsClient> adminClients = new ArrayList<>();
        try {
            for (int i = 0; i < admins; i++) {
                adminClients.add(connect(admin, TestTokens.admin("admin-" + i + "-" + seed)));
            }
            for (int i = 0; i < startups; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                List<String> subs = new ArrayList<>();
                for (int u = 0; u < usersPerStartup; u++) {
                    String sub = "user-" + u + "-" + id;
                    subs.add(sub);
                    clients.put(
                            sub,
                            connect(
                                    client,
                                    TestTokens.sign(sub, Set.of("startup"), id.toString(), Duration.ofHours(1))));
                }
                users.put(id, subs);
            }
            Map<String, List<String>> expected = new HashMap<>();
            clients.keySet().forEach(sub -> expected.put(sub, new ArrayList<>()));
            List<String> adminExpected = new ArrayList<>();
            List<String> all = new ArrayList<>();
            long interval = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int n = 0; n < events; n++) {
                int kind = random.nextInt(12);
                UUID target = ids.get(random.nextInt(startups));
                List<String> team = users.get(target);
                CloudEvent ce;
                if (kind == 0) { // public pool change: every startup and the admins
                    ce = TestEvents.event(EventType.SIGNAL_PUBLISHED, "sig-" + n, null, Map.of("signalId", "sig-" + n));
                    expected.values().forEach(l -> l.add(ce.id()));
                    adminExpected.add(ce.id());
                } else if (kind >= 10) { // one user of the startup only (a read mark, a count)
                    String who = team.get(random.nextInt(team.size()));
                    ce = TestEvents.forUser(
                            EventType.NOTIFICATION_COUNT_CHANGED,
                            who,
                            target,
                            Map.of("recipient", who, "unreadCount", n));
                    expected.get(who).add(ce.id());
                } else if (kind == 1) { // admins only
                    ce = TestEvents.event(
                            EventType.STARTUP_UPDATED, target.toString(), null, Map.of("startupId", target.toString()));
                    adminExpected.add(ce.id());
                } else if (kind == 2) { // a notification for one startup only (not the admins)
                    ce = TestEvents.event(EventType.NOTIFICATION_NEW, "n-" + n, target, Map.of("unreadCount", 1));
                    team.forEach(sub -> expected.get(sub).add(ce.id()));
                } else {
                    EventType type = OWN[random.nextInt(OWN.length)];
                    ce = TestEvents.event(type, "agg-" + n, target, Map.of("startupId", target.toString()));
                    team.forEach(sub -> expected.get(sub).add(ce.id()));
                    adminExpected.add(ce.id());
                }
                if (perSecond == 0) {
                    TestEvents.send(ce, ce.eventType().topic());
                } else {
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                    EventPublisher.sendWithoutWaiting(ce);
                }
                all.add(ce.id());
            }
            EventPublisher.flush();
            List<WsClient> everyone = new ArrayList<>(adminClients);
            everyone.addAll(clients.values());
            assertThat(everyone.stream()
                            .filter(WsClient::isClosed)
                            .map(c -> c.awaitClose(Duration.ZERO))
                            .toList())
                    .as("close codes of connections closed during the run (e.g. 4008: too slow)")
                    .isEmpty();
            for (WsClient a : adminClients) {
                awaitLast(a, adminExpected, all, "an admin");
                assertThat(ids(a.events(), all))
                        .as("frames of an admin")
                        .containsExactlyInAnyOrderElementsOf(adminExpected);
            }
            for (Map.Entry<String, WsClient> c : clients.entrySet()) {
                List<String> want = expected.get(c.getKey());
                if (!want.isEmpty()) {
                    awaitLast(c.getValue(), want, all, "user " + c.getKey());
                }
                assertThat(ids(c.getValue().events(), all))
                        .as("frames of user " + c.getKey())
                        .containsExactlyInAnyOrderElementsOf(want);
            }
            // a last public event after everything: once it arrived, nothing else is in flight
            String fence = TestEvents.publish(EventType.SIGNAL_REMOVED, "fence", null, Map.of("signalId", "fence"));
            for (Map.Entry<String, WsClient> c : clients.entrySet()) {
                c.getValue().await(f -> fence.equals(f.path("id").asText()));
                assertThat(ids(c.getValue().events(), all))
                        .as("no late cross-startup or cross-user frame for " + c.getKey())
                        .containsExactlyInAnyOrderElementsOf(expected.get(c.getKey()));
            }
        } finally {
            clients.values().forEach(WsClient::close);
            adminClients.forEach(WsClient::close);
        }
    }

    /**
     * Waits for the last event {@code who} should receive; if it does not come, says whether frames were
     * lost or late (how many of the expected arrived, which are missing, whether the socket closed).
     */
    private static void awaitLast(WsClient c, List<String> want, List<String> all, String who) {
        try {
            c.await(f -> want.get(want.size() - 1).equals(f.path("id").asText()));
        } catch (ConditionTimeoutException e) {
            List<String> got = ids(c.events(), all);
            List<String> missing = want.stream().filter(id -> !got.contains(id)).toList();
            throw new AssertionError(
                    who + " did not receive its last event in time: " + got.size() + " of " + want.size()
                            + " expected received, " + missing.size() + " missing (the first: "
                            + missing.stream().limit(5).toList() + ", positions "
                            + missing.stream().limit(5).map(want::indexOf).toList() + "), socket closed: "
                            + c.isClosed(),
                    e);
        }
    }

    private static WsClient connect(URI uri, String token) {
        WsClient c = WsClient.connect(uri, token);
        c.awaitEvent("system:welcome");
        return c;
    }

    /** The events (ids) among the frames; an event sent under a legacy alias too has two frames with one id. */
    private static List<String> ids(List<JsonNode> frames, List<String> ofThisTest) {
        return frames.stream()
                .map(f -> f.path("id").asText())
                .filter(ofThisTest::contains)
                .distinct()
                .toList();
    }
}
