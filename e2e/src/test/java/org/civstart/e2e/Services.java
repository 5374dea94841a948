package org.civstart.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.civstart.infra.PostgresServer;
import org.civstart.peer.airtable.DemoBase;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.ServiceProcess;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The packaged services an e2e test runs, each in its own process: started in parallel, stopped in reverse
 * order, and the SMTP server and Airtable peer of {@link #startAll}.
 */
final class Services implements AutoCloseable {

    private final List<ServiceProcess> running = new ArrayList<>();
    private final List<AutoCloseable> peers = new ArrayList<>();

    /** The four services of {@link #startAll} and the peers they talk to. */
    record Stack(
            ServiceProcess signal,
            ServiceProcess notification,
            ServiceProcess sync,
            ServiceProcess gateway,
            FakeAirtable airtable,
            GreenMail smtp) {}

    /**
     * Starts a real SMTP server, the Airtable peer and the four packaged services in parallel on the test
     * JVM's Kafka broker and PostgreSQL server, each service on its own database ({@code signal_<suffix>},
     * {@code notification_<suffix>}, {@code sync_<suffix>}); the Airtable peer pings sync-service. Every
     * service also gets {@code extra} and what {@code perModule} gives for its module name. {@link #close}
     * stops all of it.
     */
    Stack startAll(String suffix, Map<String, String> extra, Function<String, Map<String, String>> perModule)
            throws Exception {
        String kafka = Infrastructure.kafka().bootstrapServers();
        PostgresServer pg = Infrastructure.postgres();
        for (String service : List.of("signal", "notification", "sync")) {
            pg.createDatabase(service + "_" + suffix);
        }
        GreenMail smtp =
                new GreenMail(new ServerSetup(ServiceProcess.freePort(), "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        peers.add(smtp::stop);
        FakeAirtable airtable = FakeAirtable.start();
        peers.add(airtable);
        int syncPort = ServiceProcess.freePort();

        Map<String, String> common = new HashMap<>(extra);
        common.put("kafka.bootstrap.servers", kafka);
        Map<String, String> onPostgres =
                with(common, "quarkus.datasource.username", PostgresServer.USER, "quarkus.datasource.password", "");
        CompletableFuture<ServiceProcess> signal = start(
                "signal-service",
                perModule,
                with(onPostgres, "quarkus.datasource.jdbc.url", pg.jdbcUrl("signal_" + suffix)));
        CompletableFuture<ServiceProcess> notification = start(
                "notification-service", perModule, notificationService(onPostgres, pg, "notification_" + suffix, smtp));
        CompletableFuture<ServiceProcess> sync =
                start("sync-service", perModule, syncService(onPostgres, pg, "sync_" + suffix, airtable, syncPort));
        CompletableFuture<ServiceProcess> gateway = start("realtime-gateway", perModule, common);
        Stack stack = new Stack(signal.get(), notification.get(), sync.get(), gateway.get(), airtable, smtp);
        airtable.pingTarget(URI.create(stack.sync().url("/webhooks/airtable")));
        return stack;
    }

    private CompletableFuture<ServiceProcess> start(
            String module, Function<String, Map<String, String>> perModule, Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        all.putAll(perModule.apply(module));
        return start(module, all);
    }

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
    private static Map<String, String> notificationService(
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
    private static Map<String, String> syncService(
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
        for (int i = peers.size() - 1; i >= 0; i--) {
            try {
                peers.get(i).close();
            } catch (Exception ignored) {
                // best effort: the others still stop
            }
        }
        peers.clear();
    }
}
