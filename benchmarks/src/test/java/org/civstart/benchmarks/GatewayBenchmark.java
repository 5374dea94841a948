package org.civstart.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.ServiceProcess;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Load on the realtime gateway, measured from outside: the packaged gateway runs as its own
 * process on a real Kafka broker; N real WebSocket clients (admins + one client per startup room)
 * connect over loopback (spread over several 127.0.0.x source addresses); events are produced to
 * Kafka at a fixed rate. Reports delivery latency (event time → frame received by the client),
 * frames/s, gateway CPU, RSS and heap per connection, and how many idle connections one gateway
 * process holds. Prints a table, writes results/gateway.json and results/gateway-*.png.
 *
 * <p>Knobs: -Dbench.clients=10000 -Dbench.admins=20 -Dbench.rate=1000 -Dbench.seconds=30
 * -Dbench.idle=50000 -Dbench.heap=1g -Dbench.source=kafka|rest (rest: the rate is REST requests
 * per second, each committing two events through signal-service's outbox)
 */
class GatewayBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 10_000);
    static final int ADMINS = Integer.getInteger("bench.admins", 20);
    static final int RATE = Integer.getInteger("bench.rate", 1000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int IDLE = Integer.getInteger("bench.idle", 50_000);
    static final String HEAP = System.getProperty("bench.heap", "1g");
    /** {@code kafka}: events produced straight to Kafka; {@code rest}: credit allocations through signal-service. */
    static final String SOURCE = System.getProperty("bench.source", "kafka");
    /** Source addresses: ~28k ephemeral ports each towards one server port. */
    static final int PER_ADDRESS = 20_000;

    private final ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean recording;

    @Test
    void run() throws Exception {
        String kafka = Infrastructure.kafka().bootstrapServers();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Results.machine());
        try {
            results.put("load", load(vertx, kafka));
            results.put("idle", idle(vertx, kafka));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        String name = SOURCE.equals("rest") ? "gateway-rest" : "gateway";
        Results.json(name, results);
        System.out.println("results written to benchmarks/results/" + name + ".json");
    }

    private Map<String, Object> load(Vertx vertx, String kafka) throws Exception {
        // ZGC: sub-millisecond pauses keep the delivery tail short (ParallelGC: p99 57 ms vs 35 ms here)
        try (ServiceProcess gw = startGateway(kafka, System.getProperty("bench.gc", "-XX:+UseZGC"));
             EventSource source = SOURCE.equals("rest") ? new RestSource(kafka) : new KafkaSource(kafka)) {
            List<UUID> startups = source.startups(CLIENTS - ADMINS);
            long rssBefore = gw.rss();
            long t0 = System.nanoTime();
            List<WebSocket> sockets = new ArrayList<>();
            String adminToken = TestTokens.admin();
            for (int i = 0; i < ADMINS; i++) {
                sockets.add(connect(vertx, gw.port(), "/admin", adminToken, i).get(60, TimeUnit.SECONDS));
            }
            Semaphore inFlight = new Semaphore(256);
            List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
            for (int i = ADMINS; i < CLIENTS; i++) {
                UUID id = startups.get(i - ADMINS);
                inFlight.acquire();
                CompletableFuture<WebSocket> f = connect(vertx, gw.port(), "/client", TestTokens.startup(id), i);
                f.whenComplete((ws, e) -> inFlight.release());
                pending.add(f);
            }
            for (CompletableFuture<WebSocket> f : pending) {
                sockets.add(f.get(60, TimeUnit.SECONDS));
            }
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d connections open in %.1f s%n", sockets.size(), connectSeconds);

            {
                source.drive(startups, Duration.ofSeconds(5)); // warm-up
                Thread.sleep(1000);
                latency.reset();
                frames.set(0);
                double cpu0 = gw.cpuSeconds();
                java.util.TreeMap<Double, Double> server0 = serverLatencyBuckets(gw);
                recording = true;
                long start = System.nanoTime();
                long sent = source.drive(startups, Duration.ofSeconds(SECONDS));
                Thread.sleep(2000); // let the last frames arrive
                recording = false;
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpu = (gw.cpuSeconds() - cpu0) / elapsed;
                java.util.TreeMap<Double, Double> server = serverLatencyBuckets(gw);
                server.replaceAll((le, count) -> count - server0.getOrDefault(le, 0.0));
                long rss = gw.rss();
                long heap = heapAfterGc(gw);
                Histogram h = latency.copy();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("clients", sockets.size());
                r.put("admins", ADMINS);
                r.put("startupRooms", startups.size());
                r.put("source", SOURCE.equals("rest") ? "signal-service REST (credit allocations: 2 events each)" : "Kafka");
                r.put("requestsOrEventsPerSecondOffered", RATE);
                r.put("requestsOrEventsSent", sent);
                r.put("seconds", SECONDS);
                r.put("framesReceived", frames.get());
                r.put("framesPerSecond", frames.get() / elapsed);
                r.put("latencyMsP50", h.getValueAtPercentile(50) / 1000.0);
                r.put("latencyMsP99", h.getValueAtPercentile(99) / 1000.0);
                r.put("latencyMsP999", h.getValueAtPercentile(99.9) / 1000.0);
                r.put("latencyMsMax", h.getMaxValue() / 1000.0);
                r.put("gatewayCpuCores", cpu);
                r.put("serverSideLatencyMsP50", percentile(server, 0.50));
                r.put("serverSideLatencyMsP99", percentile(server, 0.99));
                r.put("serverSideLatencyMsP999", percentile(server, 0.999));
                r.put("gatewayRssMiB", rss / 1048576.0);
                r.put("gatewayRssBeforeClientsMiB", rssBefore / 1048576.0);
                r.put("gatewayHeapAfterGcMiB", heap / 1048576.0);
                r.put("connectSeconds", connectSeconds);
                System.out.println();
                System.out.println("Gateway under load (" + Results.machine() + "), events from " + r.get("source"));
                System.out.println("| clients | events/s | frames/s | latency p50 | p99 | p99.9 | max | gateway CPU | gateway RSS | heap after GC |");
                System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                System.out.printf("| %d | %d | %,.0f | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f cores | %.0f MiB | %.0f MiB |%n",
                        sockets.size(), RATE, frames.get() / elapsed, h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
                        cpu, rss / 1048576.0, heap / 1048576.0);
                System.out.printf("gateway's own histogram (ce_time → frame written): p50 ≤ %.1f ms, p99 ≤ %.1f ms, p99.9 ≤ %.1f ms%n",
                        percentile(server, 0.50), percentile(server, 0.99), percentile(server, 0.999));
                Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
                Map<String, Double> values = new LinkedHashMap<>();
                values.put("p50", h.getValueAtPercentile(50) / 1000.0);
                values.put("p99", h.getValueAtPercentile(99) / 1000.0);
                values.put("p99.9", h.getValueAtPercentile(99.9) / 1000.0);
                chart.put(sockets.size() + " clients, " + RATE + " events/s", values);
                Results.barChart((SOURCE.equals("rest") ? "gateway-rest" : "gateway") + "-latency.png", "Gateway delivery latency (event time → frame received)", "percentile", "ms", chart);
                sockets.forEach(ws -> ws.close());
                return r;
            }
        }
    }

    /** Cumulative counts of the gateway's delivery-latency histogram, by upper bound in seconds. */
    private static java.util.TreeMap<Double, Double> serverLatencyBuckets(ServiceProcess gw) throws Exception {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : gw.get("/q/metrics").body().split("\n")) {
            if (line.startsWith("gateway_delivery_latency_seconds_bucket{")) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.put(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return buckets;
    }

    /** The upper bound (ms) of the bucket holding quantile {@code q}. */
    private static double percentile(java.util.TreeMap<Double, Double> cumulative, double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= q * total) {
                return e.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    /**
     * The packaged gateway as its own process. The heap is fixed and pre-touched, so RSS growth
     * after start is native memory (socket buffers, Netty) only.
     */
    private static ServiceProcess startGateway(String kafka, String gc) throws java.io.IOException {
        return ServiceProcess.start("gateway-bench", ServiceProcess.jarOf("realtime-gateway"),
                Map.of("kafka.bootstrap.servers", kafka, "quarkus.log.level", "WARN"),
                "-Xmx" + HEAP, "-Xms" + HEAP, gc, "-XX:+AlwaysPreTouch");
    }

    /** Heap in use after a full GC (jcmd GC.run), from the gateway's own Prometheus metrics. */
    private static long heapAfterGc(ServiceProcess gw) throws Exception {
        new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(gw.process().pid()), "GC.run").redirectErrorStream(true).start().waitFor();
        Thread.sleep(500);
        long heap = 0;
        for (String line : gw.get("/q/metrics").body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return heap;
    }

    /** Where the load comes from: straight to Kafka, or through signal-service's REST API. */
    interface EventSource extends AutoCloseable {
        /** The startups whose rooms the clients join (created first where the source needs them to exist). */
        List<UUID> startups(int count) throws Exception;

        /** Drives load at RATE per second for {@code duration}; returns how many events or requests it sent. */
        long drive(List<UUID> startups, Duration duration) throws Exception;
    }

    /** credits.updated events produced to Kafka, as an outbox relay would, for random startups. */
    static final class KafkaSource implements EventSource {
        private final KafkaProducer<String, String> producer;

        KafkaSource(String kafka) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka);
            p.put("linger.ms", "1");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }

        @Override
        public List<UUID> startups(int count) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(UUID.randomUUID());
            }
            return ids;
        }

        @Override
        public long drive(List<UUID> startups, Duration duration) {
            java.util.Random random = new java.util.Random();
            return paced(duration, n -> {
                UUID startup = startups.get(random.nextInt(startups.size()));
                CloudEvent ce = new CloudEvent(UUID.randomUUID().toString(), EventType.CREDITS_UPDATED.type(), "bench",
                        startup.toString(), Instant.now(), startup.toString(), EventType.CREDITS_UPDATED.audience().header(startup),
                        "{\"startupId\":\"" + startup + "\",\"balance\":" + n + ",\"delta\":-1,\"entryType\":\"deduction\"}");
                producer.send(ce.toRecord(EventType.CREDITS_UPDATED.topic().topicName()));
            });
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /**
     * The whole write path: credit allocations through signal-service's REST API (a real process on
     * real PostgreSQL), each committing credits.allocated + credits.updated through the outbox.
     * Latency then runs from the commit (ce_time) to the frame received.
     */
    static final class RestSource implements EventSource {
        private final ServiceProcess signal;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        private final String admin = TestTokens.admin("bench-admin");
        private final Semaphore inFlight = new Semaphore(256);

        RestSource(String kafka) throws Exception {
            org.civstart.infra.PostgresServer pg = Infrastructure.postgres();
            pg.createDatabase("bench_signal");
            signal = ServiceProcess.start("signal-bench", ServiceProcess.jarOf("signal-service"),
                    Map.of("kafka.bootstrap.servers", kafka, "quarkus.datasource.jdbc.url", pg.jdbcUrl("bench_signal"),
                            "quarkus.datasource.username", org.civstart.infra.PostgresServer.USER, "quarkus.datasource.password", "",
                            "quarkus.log.level", "WARN"),
                    "-Xmx512m", "-XX:+UseParallelGC");
        }

        private CompletableFuture<java.net.http.HttpResponse<String>> post(String path, String json) throws InterruptedException {
            inFlight.acquire();
            return http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(signal.url(path)))
                            .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release());
        }

        @Override
        public List<UUID> startups(int count) throws Exception {
            List<CompletableFuture<java.net.http.HttpResponse<String>>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(post("/api/startups", "{\"name\":\"bench startup " + i + "\",\"sectors\":[\"govtech\"]}"));
            }
            List<UUID> ids = new ArrayList<>();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (CompletableFuture<java.net.http.HttpResponse<String>> f : created) {
                ids.add(UUID.fromString(json.readTree(f.get(120, TimeUnit.SECONDS).body()).path("id").asText()));
            }
            return ids;
        }

        @Override
        public long drive(List<UUID> startups, Duration duration) {
            java.util.Random random = new java.util.Random();
            return paced(duration, n -> {
                try {
                    post("/api/startups/" + startups.get(random.nextInt(startups.size())) + "/credits/allocations",
                            "{\"amount\":1,\"reason\":\"bench\"}");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void close() {
            signal.close();
        }
    }

    /** Calls {@code action} RATE times per second for {@code duration}; returns how many times. */
    static long paced(Duration duration, java.util.function.LongConsumer action) {
        long interval = 1_000_000_000L / RATE;
        long end = System.nanoTime() + duration.toNanos();
        long next = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() < end) {
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            action.accept(sent++);
        }
        return sent;
    }

    private CompletableFuture<WebSocket> connect(Vertx vertx, int port, String path, String token, int index) {
        String source = "127.0.0." + (2 + index / PER_ADDRESS);
        WebSocketClient client = clients.computeIfAbsent(source, a -> vertx.createWebSocketClient(new WebSocketClientOptions()
                .setLocalAddress(a).setMaxConnections(100_000).setConnectTimeout(30_000)));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .addHeader("Authorization", "Bearer " + token);
        CompletableFuture<WebSocket> result = new CompletableFuture<>();
        client.connect(options).onComplete(ar -> {
            if (ar.failed()) {
                result.completeExceptionally(ar.cause());
                return;
            }
            WebSocket ws = ar.result();
            ws.textMessageHandler(this::onFrame);
            ws.exceptionHandler(e -> { }); // closes at the end of a run are expected
            result.complete(ws);
        });
        return result;
    }

    private final Map<String, WebSocketClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    private void onFrame(String frame) {
        if (!recording || !frame.startsWith("{\"event\":\"credits:")) {
            return;
        }
        int at = frame.indexOf("\"time\":\"");
        if (at < 0) {
            return;
        }
        Instant time = Instant.parse(frame.substring(at + 8, frame.indexOf('"', at + 8)));
        long micros = Duration.between(time, Instant.now()).toNanos() / 1000;
        latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
        frames.incrementAndGet();
    }

    /** Opens idle connections until IDLE or the first refusal; reports memory per connection. */
    private Map<String, Object> idle(Vertx vertx, String kafka) throws Exception {
        // ParallelGC: after a full GC its heap in use is exactly what the connections retain
        try (ServiceProcess gw = startGateway(kafka, "-XX:+UseParallelGC")) {
            long heapBefore = heapAfterGc(gw);
            long rssBefore = gw.rss();
            String token = TestTokens.startup(UUID.randomUUID());
            List<WebSocket> sockets = new ArrayList<>();
            String stoppedBy = "target reached";
            Semaphore inFlight = new Semaphore(256);
            List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
            for (int i = 0; i < IDLE; i++) {
                inFlight.acquire();
                CompletableFuture<WebSocket> f = connect(vertx, gw.port(), "/client", token, 100_000 + i);
                f.whenComplete((ws, e) -> inFlight.release());
                batch.add(f);
                if (batch.size() == 1000 || i == IDLE - 1) {
                    boolean failed = false;
                    for (CompletableFuture<WebSocket> b : batch) {
                        try {
                            sockets.add(b.get(60, TimeUnit.SECONDS));
                        } catch (Exception e) {
                            failed = true;
                            stoppedBy = String.valueOf(e.getCause() != null ? e.getCause() : e);
                        }
                    }
                    batch.clear();
                    if (failed) {
                        break;
                    }
                }
            }
            Thread.sleep(3000);
            long heapAfter = heapAfterGc(gw);
            long rssAfter = gw.rss();
            Process histogram = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(gw.process().pid()), "GC.class_histogram").redirectErrorStream(true).start();
            List<String> top = new java.io.BufferedReader(new java.io.InputStreamReader(histogram.getInputStream()))
                    .lines().limit(45).toList();
            int n = sockets.size();
            if (n >= 1000) {
                java.nio.file.Files.write(Results.DIR.resolve("gateway-idle-heap-histogram.txt"), top);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("idleConnections", n);
            r.put("stoppedBy", stoppedBy);
            r.put("heapBytesPerConnection", (heapAfter - heapBefore) / (double) n);
            r.put("rssBytesPerConnection", (rssAfter - rssBefore) / (double) n);
            r.put("gatewayRssMiB", rssAfter / 1048576.0);
            r.put("gatewayHeapAfterGcMiB", heapAfter / 1048576.0);
            System.out.println();
            System.out.println("Idle connections on one gateway process");
            System.out.println("| idle connections | heap per connection | RSS per connection | gateway RSS | stopped by |");
            System.out.println("|---:|---:|---:|---:|---|");
            System.out.printf("| %d | %.1f KB | %.1f KB | %.0f MiB | %s |%n", n, (heapAfter - heapBefore) / 1024.0 / n,
                    (rssAfter - rssBefore) / 1024.0 / n, rssAfter / 1048576.0, stoppedBy);
            sockets.forEach(ws -> ws.close());
            return r;
        }
    }
}
