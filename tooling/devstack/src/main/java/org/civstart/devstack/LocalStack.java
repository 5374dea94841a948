package org.civstart.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.civstart.infra.KafkaBroker;
import org.civstart.infra.OtlpReceiver;
import org.civstart.infra.PostgresServer;
import org.civstart.peer.airtable.DemoBase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The local stack in one process tree: a real Kafka broker (KRaft) and PostgreSQL server from
 * Maven artifacts, a local SMTP server, and the four services as child processes, on fixed ports,
 * with data under {@code .local/}. Ctrl-C stops everything. Run through {@code ./run-local}.
 *
 * <pre>
 * ./run-local                         start (builds first if needed)
 * ./run-local token admin             print an admin token
 * ./run-local token startup UUID      print a token for a user of that startup
 * ./run-local watch admin             print live /admin frames
 * ./run-local watch startup UUID      print live /client frames of that startup
 * </pre>
 */
public final class LocalStack {

    static final int GATEWAY = 8080;
    static final int SIGNAL = 8081;
    static final int NOTIFICATION = 8082;
    static final int SYNC = 8083;
    static final int KAFKA = 9092;
    static final int KAFKA_CONTROLLER = 9093;
    static final int POSTGRES = 5433;
    static final int SMTP = 3025;
    static final int AIRTABLE = 8089;
    static final int OTLP = 4318;

    private final Path home = Path.of(".local").toAbsolutePath();
    private final List<Process> processes = new ArrayList<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private GreenMail smtp;
    private LocalPeers peers;
    private OtlpReceiver traces;

    public static void main(String[] args) throws Exception {
        quietLibraries();
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> new LocalStack().up();
            case "token" -> System.out.println(Tokens.mint(Path.of(".local", "keys"), args));
            case "watch" -> Watch.run(Path.of(".local", "keys"), args);
            case "airtable" -> System.out.print(editAirtable(args));
            default -> {
                System.err.println(
                        "usage: ./run-local [up | token admin | token startup <startupId> | watch admin"
                                + " | watch startup <startupId> | airtable \"<signal title>\" | airtable <kind> add|set|delete|list ...]");
                System.exit(2);
            }
        }
    }

    private void up() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::down, "local-stack-shutdown"));
        Files.createDirectories(home.resolve("logs"));
        long t0 = System.nanoTime();

        say("PostgreSQL on localhost:" + POSTGRES + " (data in .local/postgres)");
        postgres = PostgresServer.start(home.resolve("postgres"), POSTGRES);
        for (String db : List.of("signal_service", "notification_service", "sync_service")) {
            postgres.createDatabase(db);
        }
        say("Kafka (KRaft) on localhost:" + KAFKA + " (data in .local/kafka)");
        kafka = KafkaBroker.start(home.resolve("kafka"), KAFKA, KAFKA_CONTROLLER, false);
        kafka.createCatalogTopics(
                6, Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis())));
        say("SMTP on localhost:" + SMTP + " (mail is printed here)");
        smtp = new GreenMail(new ServerSetup(SMTP, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Thread mail = new Thread(this::printMail, "mail-printer");
        mail.setDaemon(true);
        mail.start();

        peers = LocalPeers.start();
        say("Airtable base " + LocalPeers.BASE + " (a local protocol peer), SMS on :" + LocalPeers.SMS + ", push on :"
                + LocalPeers.PUSH + " (printed here)");

        traces = OtlpReceiver.start(OTLP);
        PrintWriter traceLog =
                new PrintWriter(Files.newBufferedWriter(home.resolve("logs").resolve("traces.log")), true);
        traces.onSpan(span -> traceLog.printf(
                "%s %-20s %-9s %-50s %8.1f ms%s%n",
                span.traceId(),
                span.service(),
                span.kind(),
                span.name(),
                span.millis(),
                span.parentSpanId().isEmpty() ? "" : "  (in " + span.parentSpanId() + ")"));
        say("OTLP trace receiver on :" + OTLP + " (every span, one line each: tail -f .local/logs/traces.log)");

        Keys keys = Keys.loadOrCreate(home.resolve("keys"));
        Map<String, String> common = new LinkedHashMap<>();
        // readable logs with trace ids (production logs JSON); every service exports its spans to the receiver
        common.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        common.put("CIVSTART_TRACING_OTLP_ENDPOINT", traces.endpoint());
        common.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + KAFKA);
        common.put("QUARKUS_OIDC_PUBLIC_KEY", keys.publicKeyBase64());
        common.put("QUARKUS_OIDC_TOKEN_ISSUER", Keys.ISSUER);
        common.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        common.put("QUARKUS_DATASOURCE_PASSWORD", "");

        start(
                "signal-service",
                SIGNAL,
                common,
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("signal_service")),
                Map.of());
        start(
                "notification-service",
                NOTIFICATION,
                common,
                Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        postgres.jdbcUrl("notification_service"),
                        "QUARKUS_MAILER_HOST",
                        "localhost",
                        "QUARKUS_MAILER_PORT",
                        String.valueOf(SMTP),
                        "QUARKUS_MAILER_MOCK",
                        "false",
                        "QUARKUS_REST_CLIENT_SMS_URL",
                        "http://localhost:" + LocalPeers.SMS,
                        "QUARKUS_REST_CLIENT_PUSH_URL",
                        "http://localhost:" + LocalPeers.PUSH,
                        // the console (served by the gateway) reads the unread count here: another origin
                        "QUARKUS_HTTP_CORS_ENABLED",
                        "true",
                        "QUARKUS_HTTP_CORS_ORIGINS",
                        "http://localhost:" + GATEWAY),
                Map.of());
        start(
                "sync-service",
                SYNC,
                common,
                Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        postgres.jdbcUrl("sync_service"),
                        "CIVSTART_SYNC_AIRTABLE_NOTIFICATION_URL",
                        "http://localhost:" + SYNC + "/webhooks/airtable"),
                peers.syncServiceProperties());
        start("realtime-gateway", GATEWAY, common, Map.of("CIVSTART_GATEWAY_CORS_ORIGINS", "*"), Map.of());
        for (int port : List.of(SIGNAL, NOTIFICATION, SYNC, GATEWAY)) {
            awaitReady(port);
        }
        Demo.seed(keys);
        try {
            String seeder = keys.admin("demo-seeder", Duration.ofMinutes(5));
            peers.registerWebhook(URI.create("http://localhost:" + SYNC), seeder);
            say("Airtable: webhook registered for every table of " + LocalPeers.BASE);
            peers.seedIfEmpty(URI.create("http://localhost:" + SYNC), seeder);
        } catch (Exception e) {
            say("Airtable: webhook not registered (" + e.getMessage() + ")");
        }
        say(String.format("up in %.1f s%n", (System.nanoTime() - t0) / 1e9));
        printWelcome(keys.admin("local-admin", Duration.ofHours(12)));
        Thread.currentThread().join();
    }

    /** {@code properties}: system properties (for keys environment variables cannot spell, e.g. Airtable's case-sensitive ids). */
    private void start(
            String module,
            int port,
            Map<String, String> common,
            Map<String, String> own,
            Map<String, String> properties)
            throws IOException {
        Path jar = Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./run-local does)");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC"));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(common);
        pb.environment().putAll(own);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        processes.add(p);
        say(module + " starting on http://localhost:" + port + " (log: .local/logs/" + module + ".log)");
        Thread pump = new Thread(() -> pump(module, p), module + "-log");
        pump.setDaemon(true);
        pump.start();
    }

    /** Copies a service's output to its log file and, prefixed, to the console. */
    private void pump(String module, Process p) {
        String tag = String.format("%-13s| ", module.replace("-service", "").replace("realtime-", ""));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(
                        Files.newBufferedWriter(home.resolve("logs").resolve(module + ".log")), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                System.out.println(tag + line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void awaitReady(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a service exited during start-up: see .local/logs/");
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("localhost:" + port + " did not become ready: see .local/logs/");
    }

    private void printMail() {
        int seen = 0;
        while (true) {
            try {
                var messages = smtp.getReceivedMessages();
                for (; seen < messages.length; seen++) {
                    say("mail to "
                            + String.join(
                                    ", ",
                                    Arrays.stream(messages[seen].getAllRecipients())
                                            .map(Object::toString)
                                            .toList())
                            + ": " + messages[seen].getSubject());
                }
                Thread.sleep(500);
            } catch (Exception e) {
                return;
            }
        }
    }

    private void printWelcome(String adminToken) {
        System.out.println("""

                ─────────────────────────────────────────────────────────────────────────────
                 CivStart local stack is up. Ctrl-C stops everything (data stays in .local/).

                 realtime gateway      ws://localhost:8080/admin   ws://localhost:8080/client
                 live console (admin, valid 12 h; the token is in the URL fragment, never sent to a server):
                   http://localhost:8080/console/#token=%s&notifications=http://localhost:8082
                 signal-service        http://localhost:8081/q/swagger-ui
                 notification-service  http://localhost:8082/q/swagger-ui
                 sync-service          http://localhost:8083/q/swagger-ui  (Airtable pings: POST /webhooks/airtable)
                 Kafka localhost:9092   PostgreSQL localhost:5433 (user postgres)   SMTP localhost:3025

                 Tokens (signed with .local/keys, valid 12 h):
                   ./run-local token admin
                   ./run-local token startup <startupId>
                 Watch live events (in another terminal):
                   ./run-local watch admin
                   ./run-local watch startup <startupId>
                 Or from any WebSocket client:
                   ws://localhost:8080/admin?access_token=$(./run-local token admin)
                 Then make something happen, e.g.:
                   ./run-local airtable "Navy seeks predictive maintenance"   (a staff edit in Airtable)
                   ./run-local airtable organization add name="City of Boise" sector=GovTech   (any kind: ./run-local airtable)
                   curl -s -H "Authorization: Bearer $(./run-local token admin)" localhost:8081/api/signals
                ─────────────────────────────────────────────────────────────────────────────
                """.formatted(adminToken));
    }

    private void down() {
        say("stopping");
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (peers != null) {
            peers.close();
        }
        if (traces != null) {
            traces.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // exiting
            }
        }
        say("stopped");
    }

    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Logger> QUIET = new ArrayList<>();

    /**
     * {@code ./run-local airtable ...}: edits the running stack's Airtable base like staff would.
     * <pre>
     * airtable "&lt;signal title&gt;"                          a new signal
     * airtable &lt;kind&gt; add name=value ...                  a new record (kind: organization, contact, signal, startup, interaction)
     * airtable &lt;kind&gt; set &lt;recordId&gt; name=value ...      change fields (name= clears one)
     * airtable &lt;kind&gt; delete &lt;recordId&gt;
     * airtable &lt;kind&gt; list
     * airtable fields                                   the fields of each kind
     * </pre>
     */
    static String editAirtable(String[] args) throws Exception {
        List<String> a = List.of(args).subList(1, args.length);
        if (a.isEmpty() || a.get(0).equals("fields")) {
            StringBuilder out = new StringBuilder(a.isEmpty() ? AIRTABLE_USAGE : "");
            for (DemoBase.Table t : DemoBase.Table.values()) {
                out.append(String.format(
                        "  %-13s %s%n",
                        t.kind(),
                        String.join(
                                ", ",
                                t.fields().stream()
                                        .map(f -> f.name() + " ("
                                                + f.cell()
                                                        .name()
                                                        .toLowerCase(Locale.ROOT)
                                                        .replace('_', ' ') + ")")
                                        .toList())));
            }
            return out.toString();
        }
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        if (DemoBase.Table.ofKind(a.get(0)).isEmpty()) {
            // ./run-local airtable "Navy seeks predictive maintenance": the short form, a new signal
            request.put("kind", "signal");
            request.put("action", "add");
            fields.put("title", String.join(" ", a).trim());
            fields.put("agency", "Airtable demo");
            fields.put("sectors", "govtech");
            fields.put("poolCost", "10");
        } else {
            request.put("kind", a.get(0));
            String action = a.size() > 1 ? a.get(1) : "list";
            request.put("action", action);
            int from = 2;
            if ((action.equals("set") || action.equals("delete")) && a.size() > 2) {
                request.put("recordId", a.get(2));
                from = 3;
            }
            for (String pair : a.subList(Math.min(from, a.size()), a.size())) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return "expected name=value, not '" + pair + "'\n" + AIRTABLE_USAGE;
                }
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        request.put("fields", fields);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + LocalPeers.CONTROL + "/airtable"))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        new ObjectMapper().writeValueAsString(request)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static final String AIRTABLE_USAGE = """
            ./run-local airtable "<signal title>"                   a new signal
            ./run-local airtable <kind> add name=value ...           a new record
            ./run-local airtable <kind> set <recordId> name=value ... change fields (name= clears one)
            ./run-local airtable <kind> delete <recordId>
            ./run-local airtable <kind> list
            kinds and their fields:
            """;

    private static void quietLibraries() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky", "com.icegreen")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIET.add(logger);
        }
    }

    static void say(String message) {
        System.out.println("local-stack  | " + message);
    }
}
