package org.civstart.chaos.clients;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * What many {@link ResumingClient}s share: a few JDK HTTP clients (each has one selector thread)
 * on a small executor, and a scheduler for reconnects.
 */
public final class ClientContext implements AutoCloseable {

    private final ExecutorService executor = Executors.newFixedThreadPool(4, daemon("ws-client"));
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("ws-reconnect"));
    private final List<HttpClient> clients = new ArrayList<>();
    private final Queue<Long> recoveries = new ConcurrentLinkedQueue<>();

    public ClientContext() {
        for (int i = 0; i < 4; i++) {
            clients.add(HttpClient.newBuilder()
                    .executor(executor)
                    .connectTimeout(Duration.ofSeconds(15))
                    .build());
        }
    }

    HttpClient http(Object client) {
        return clients.get(Math.floorMod(System.identityHashCode(client), clients.size()));
    }

    void recovered(long nanos) {
        recoveries.add(nanos);
    }

    /** Every time from a dropped socket to its {@code system:resumed}, in nanoseconds. */
    public List<Long> recoveries() {
        return List.copyOf(recoveries);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
