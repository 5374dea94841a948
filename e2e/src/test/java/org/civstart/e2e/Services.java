package org.civstart.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.civstart.infra.PostgresServer;
import org.civstart.peer.airtable.DemoBase;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.testing.ServiceProcess;

import com.icegreen.greenmail.util.GreenMail;

/** The packaged services an e2e test runs, each in its own process: started in parallel, stopped in reverse order. */
final class Services implements AutoCloseable {

    private final List<ServiceProcess> running = new ArrayList<>();

    /**
     * Starts the packaged {@code module} with {@code config} (system properties) and a 320 MB heap, on
     * {@code quarkus.http.port} when the config names one, else on a free port.
     */
    CompletableFuture<ServiceProcess> start(String module, Map<String, String> config) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ServiceProcess p = config.containsKey("quarkus.http.port")
                        ? ServiceProcess.start(
                                module,
                                ServiceProcess.jarOf(module),
                                Integer.parseInt(config.get("quarkus.http.port")),
                                config,
                                "-Xmx320m")
                        : ServiceProcess.start(module, ServiceProcess.jarOf(module), config, "-Xmx320m");
                synchronized (running) {
                    running.add(p);
                }
                return p;
            } catch (Exception e) {
                throw new IllegalStateException(module + " did not start", e);
            }
        });
    }

    /** {@code base} plus the key/value {@code pairs}. */
    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** notification-service's settings on its own database of {@code pg}, mailing through {@code smtp}. */
    static Map<String, String> notificationService(
            Map<String, String> common, PostgresServer pg, String database, GreenMail smtp) {
        return with(
                common,
                "quarkus.datasource.jdbc.url",
                pg.jdbcUrl(database),
                "quarkus.mailer.host",
                "localhost",
                "quarkus.mailer.port",
                String.valueOf(smtp.getSmtp().getPort()));
    }

    /**
     * sync-service's settings on its own database of {@code pg} and HTTP {@code port}, against the Airtable
     * peer {@code airtable} (which pings it on that port), mapping the demo base's five tables.
     */
    static Map<String, String> syncService(
            Map<String, String> common, PostgresServer pg, String database, FakeAirtable airtable, int port) {
        Map<String, String> config = with(
                common,
                "quarkus.datasource.jdbc.url",
                pg.jdbcUrl(database),
                "quarkus.http.port",
                String.valueOf(port),
                "quarkus.rest-client.airtable.url",
                airtable.url(),
                "civstart.sync.airtable.token",
                FakeAirtable.TOKEN,
                "civstart.sync.airtable.notification-url",
                "http://localhost:" + port + "/webhooks/airtable");
        config.putAll(DemoBase.syncServiceProperties());
        return config;
    }

    @Override
    public void close() {
        synchronized (running) {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception ignored) {
                    // best effort: the others still stop
                }
            }
            running.clear();
        }
    }
}
