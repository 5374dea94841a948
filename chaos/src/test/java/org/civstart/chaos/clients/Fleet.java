package org.civstart.chaos.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.civstart.testing.TestTokens;

/**
 * The WebSocket clients of a scenario: per startup some {@code /client} sockets (a token of one of
 * its users each) and some admins on {@code /admin}, spread over the gateway replicas.
 */
public final class Fleet implements AutoCloseable {

    private final ClientContext context = new ClientContext();
    private final List<ResumingClient> clients = new ArrayList<>();
    private final Map<ResumingClient, String> rooms = new IdentityHashMap<>();

    /**
     * @param perStartup sockets per startup
     * @param admins admin sockets
     */
    public Fleet(List<String> replicas, List<UUID> startups, int perStartup, int admins) {
        int n = 0;
        for (UUID s : startups) {
            for (int i = 0; i < perStartup; i++) {
                String token = TestTokens.sign(
                        "chaos-user-" + i + "-of-" + s, Set.of("startup"), s.toString(), Duration.ofHours(6));
                ResumingClient c = new ResumingClient(context, replicas, n++, "/client", token);
                clients.add(c);
                rooms.put(c, s.toString());
            }
        }
        for (int i = 0; i < admins; i++) {
            String token = TestTokens.sign("chaos-admin-" + i, Set.of("admin"), null, Duration.ofHours(6));
            ResumingClient c = new ResumingClient(context, replicas, n++, "/admin", token);
            clients.add(c);
            rooms.put(c, null);
        }
    }

    /** Connects every client, at most {@code batch} at a time, and waits until all are welcomed. */
    public Fleet connect(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int batch = 200;
        for (int i = 0; i < clients.size(); i += batch) {
            List<ResumingClient> part = clients.subList(i, Math.min(clients.size(), i + batch));
            part.forEach(ResumingClient::connect);
            while (part.stream().anyMatch(c -> !c.isLive())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            part.stream().filter(c -> !c.isLive()).count()
                                    + " WebSocket clients were not welcomed within " + timeout);
                }
                Thread.sleep(50);
            }
        }
        return this;
    }

    public List<ResumingClient> clients() {
        return clients;
    }

    /** The startup whose socket this is, or null for an admin. */
    public String room(ResumingClient c) {
        return rooms.get(c);
    }

    public ClientContext context() {
        return context;
    }

    public long live() {
        return clients.stream().filter(ResumingClient::isLive).count();
    }

    @Override
    public void close() {
        clients.forEach(ResumingClient::close);
        context.close();
    }
}
