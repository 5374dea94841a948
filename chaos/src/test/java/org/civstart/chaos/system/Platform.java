package org.civstart.chaos.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.civstart.infra.PostgresServer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The system under test of every scenario, each part a process of its own: a Kafka broker, a
 * PostgreSQL server (databases {@code signal} and {@code notification}), an SMTP server,
 * signal-service, notification-service and one or more realtime-gateway replicas, all as packaged.
 */
public final class Platform implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final Path home;
    public final Broker broker;
    public final Database database;
    private final GreenMail smtp;
    public final Service signal;
    public final Service notification;
    public final List<Service> gateways = new ArrayList<>();
    private final Map<String, String> gatewayConfig;

    private Platform(Path home) throws IOException {
        this.home = home;
        broker = new Broker(home.resolve("kafka"), PARTITIONS);
        database = new Database(home.resolve("postgres"));
        int smtpPort = Ports.free();
        smtp = new GreenMail(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
        Map<String, String> common = Map.of(
                "kafka.bootstrap.servers",
                broker.bootstrapServers(),
                "quarkus.datasource.username",
                PostgresServer.USER,
                "quarkus.datasource.password",
                "");
        signal = new Service(
                "signal-service",
                "signal-service",
                with(common, "quarkus.datasource.jdbc.url", database.jdbcUrl("signal")),
                "-Xmx384m",
                "-XX:+UseParallelGC");
        notification = new Service(
                "notification-service",
                "notification-service",
                with(
                        common,
                        "quarkus.datasource.jdbc.url",
                        database.jdbcUrl("notification"),
                        "quarkus.mailer.host",
                        "localhost",
                        "quarkus.mailer.port",
                        String.valueOf(smtpPort)),
                "-Xmx384m",
                "-XX:+UseParallelGC");
        gatewayConfig = Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    /** Starts everything with {@code gateways} gateway replicas. */
    public static Platform start(int gateways) throws Exception {
        Platform p = new Platform(Files.createTempDirectory("chaos-"));
        p.database.start();
        p.database.createDatabase("signal");
        p.database.createDatabase("notification");
        p.broker.start();
        p.smtp.start();
        CompletableFuture<Service> s = CompletableFuture.supplyAsync(() -> started(p.signal));
        CompletableFuture<Service> n = CompletableFuture.supplyAsync(() -> started(p.notification));
        s.get();
        n.get();
        for (int i = 0; i < gateways; i++) {
            p.addGateway();
        }
        return p;
    }

    /** Starts one more gateway replica (one at a time: a 2-core machine starting several JVMs at once starves the broker). */
    public Service addGateway() throws IOException {
        Service g = new Service(
                "gateway-" + (char) ('a' + gateways.size()),
                "realtime-gateway",
                gatewayConfig,
                "-Xmx768m",
                "-XX:+UseParallelGC");
        gateways.add(g);
        return g.start();
    }

    public Service gateway() {
        return gateways.get(0);
    }

    private static Service started(Service s) {
        try {
            return s.start();
        } catch (IOException e) {
            throw new IllegalStateException(s.name() + " did not start", e);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    public Path home() {
        return home;
    }

    /** Where each part logs, for a failure message. */
    public String logs() {
        StringBuilder b = new StringBuilder("kafka: " + broker.log());
        for (Service s : allServices()) {
            if (s.process() != null) {
                b.append(", ").append(s.name()).append(": ").append(s.process().log());
            }
        }
        return b.toString();
    }

    private List<Service> allServices() {
        List<Service> all = new ArrayList<>(List.of(signal, notification));
        all.addAll(gateways);
        return all;
    }

    @Override
    public void close() throws Exception {
        for (Service s : allServices()) {
            s.close();
        }
        smtp.stop();
        broker.close();
        database.close();
    }
}
