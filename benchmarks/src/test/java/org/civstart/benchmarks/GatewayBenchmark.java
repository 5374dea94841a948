package org.civstart.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.infra.PostgresServer;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.ServiceProcess;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;

/**
 * Load on the realtime gateway, measured from outside. The packaged gateway runs as its own
 * process, with the JVM flags and runtime of the Kubernetes Deployment ({@link GatewayProcess}), on a
 * real Kafka broker; real WebSocket clients connect from separate load-generator processes
 * ({@link LoadGenerator}); events are produced to Kafka at a fixed rate, keyed by startup.
 *
 * <p>Scenarios ({@code -Dbench.scenarios=standard,existing,idle}):
 * <ul>
 * <li>{@code standard}: 10,000 startup clients in 1,000 rooms of 10, plus 20 admins, 1,000 events/s,
 * 60 s — its figures go to {@code results/gateway.json} under {@code standard};</li>
 * <li>{@code existing}: the earlier scenario, 20 admins + 9,980 clients each in its own room, 30 s;</li>
 * <li>{@code idle}: idle connections held by 3 replicas (one process may open at most 20,000
 * files here), each with its own load generator; memory per connection per replica.</li>
 * </ul>
 * Reported: frames per second of gateway CPU (the gateway process's own CPU time over the measured
 * window, robust to other load on the machine), client-observed latency (event time → frame received),
 * the gateway's own latency histogram, lost / leaked frames (every client checks that it receives
 * exactly its room's events), RSS, connect time, the load generators' CPU and the machine's load
 * average. Knobs: -Dbench.rate -Dbench.seconds -Dbench.generators -Dbench.idle -Dbench.replicas
 * -Dbench.java (the runtime; default JDK 25) -Dbench.jvmFlags="…" (instead of the Deployment's) -Dbench.gatewayJar=… (another build, to compare) -Dbench.compareJar=… -Dbench.compareLabel=… (a paired comparison with another build, -Dbench.repeat rounds) -Dbench.jfr=true (a flight recording of the gateway)
 * -Dbench.source=kafka|rest -Dbench.harnessNice=10 (a diagnostic: the broker, producer and generators yield the cores to the gateway)
 * -Dbench.repeat=N (the standard scenario N times, each on a fresh gateway; the recorded figures are the medians).
 */
class GatewayBenchmark {

    static final String SCENARIOS = System.getProperty("bench.scenarios", "standard,existing,idle");
    static final int RATE = Integer.getInteger("bench.rate", 1000);
    /** Startup clients of the load scenarios (10,000; fewer for a quick try). */
    static final int CLIENTS = Integer.getInteger("bench.clients", 10_000);

    static final int GENERATORS = Integer.getInteger("bench.generators", 2);
    static final int IDLE = Integer.getInteger("bench.idle", 51_000);
    static final int REPLICAS = Integer.getInteger("bench.replicas", 3);
    static final String SOURCE = System.getProperty("bench.source", "kafka");
    static final boolean JFR = Boolean.getBoolean("bench.jfr");
    /**
     * What each client subscribes to once connected, as the browser SDK does for a page listening to
     * {@code credits:updated}: one frame per event (without it, the legacy alias {@code credits:changed}
     * doubles every frame). {@code -Dbench.subscribe=} (empty): no subscribe, every frame.
     */
    static final String SUBSCRIBE = System.getProperty("bench.subscribe", "credits:updated");
    /** Seconds of load before the measured run, so that the JIT has compiled the delivery path. */
    static final int WARMUP = Integer.getInteger("bench.warmup", 30);
    /**
     * A diagnostic ({@code -Dbench.harnessNice=10}): once the clients are connected, the Kafka broker, the
     * producer and the load generators run this many nice levels below the gateway, which then gets a core
     * first — what the gateway's latency is when the harness on the same 2 cores yields to it. 0: all equal.
     */
    static final int HARNESS_NICE = Integer.getInteger("bench.harnessNice", 0);
    /**
     * How many times the standard scenario runs ({@code -Dbench.repeat=3}), each time on a freshly
     * started gateway: one run on this shared machine differs from the next by more than builds do, so
     * {@code standard} then holds each figure's median over the runs, {@code standardRuns} every run's.
     */
    static final int REPEAT = Integer.getInteger("bench.repeat", 1);
    /**
     * A paired comparison ({@code -Dbench.compareJar=<another build's quarkus-run.jar>}): the standard
     * scenario runs REPEAT rounds, each round this build and the other one back to back (which goes first
     * alternates), so that the machine's drift over minutes falls on both alike. The medians of both and
     * each round's ratio go to {@code standardComparison}; the record ({@code standard}) is not touched.
     */
    static final String COMPARE_JAR = System.getProperty("bench.compareJar", "");
    /** The figures of {@code standard} (the keys) that a run measures itself. */
    private static final List<String> RUN_KEYS = List.of(
            "framesPerCpuSecond", "latencyMsP50", "latencyMsP99", "gatewayLatencyMsP99", "rssMiB", "connectSeconds");
    /** What {@code standardRuns} keeps of each run besides those. */
    private static final List<String> RUN_EXTRAS = List.of(
            "latencyMsP999",
            "gatewayFanoutMsP99",
            "connectAgainSeconds",
            "connectGatewayCpuSeconds",
            "connectLoadGeneratorCpuSeconds",
            "connectAgainGatewayCpuSeconds",
            "connectAgainLoadGeneratorCpuSeconds",
            "gatewayCpuSeconds",
            "idleGatewayCpuCores",
            "idleBrokerAndProducerCpuCores",
            "loadGeneratorLongestRoundMs",
            "when");

    /** Seconds with every connection open and no events, before the warm-up: the cost of holding them. */
    static final int IDLE_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void run() throws Exception {
        String kafka = Infrastructure.kafka().bootstrapServers();
        String file = SOURCE.equals("rest") ? "gateway-rest" : "gateway";
        Path path = Results.DIR.resolve(file + ".json");
        ObjectNode results = Files.exists(path) && JSON.readTree(path.toFile()) instanceof ObjectNode o
                ? o
                : JSON.createObjectNode();
        results.put("machine", Results.machine());
        results.put("gatewayRuntime", GatewayProcess.java() + " " + String.join(" ", jvmFlags()));
        for (String scenario : SCENARIOS.split(",")) {
            switch (scenario.trim()) {
                case "standard" -> {
                    if (!COMPARE_JAR.isBlank()) {
                        results.set("standardComparison", JSON.valueToTree(compare(kafka, Path.of(COMPARE_JAR))));
                        break;
                    }
                    List<Map<String, Object>> runs = new ArrayList<>();
                    for (int i = 0; i < REPEAT; i++) {
                        runs.add(standardRun(kafka, GatewayProcess.defaultJar()));
                    }
                    Map<String, Object> details = medianRun(runs);
                    if (HARNESS_NICE > 0) { // a diagnostic: kept apart from the record runs are compared by
                        results.set("standardHarnessNiced", JSON.valueToTree(details));
                    } else {
                        results.set("standard", JSON.valueToTree(standardKeys(runs, results.path("standard"))));
                        results.set(
                                "standardRuns",
                                JSON.valueToTree(runs.stream()
                                        .map(GatewayBenchmark::runSummary)
                                        .toList()));
                        results.set("standardDetails", JSON.valueToTree(details));
                    }
                }
                case "existing" ->
                    results.set(
                            "existing",
                            JSON.valueToTree(load(
                                    kafka,
                                    "existing",
                                    CLIENTS - 20,
                                    1,
                                    20,
                                    Integer.getInteger("bench.seconds", 30),
                                    GatewayProcess.defaultJar())));
                case "idle" -> {
                    Map<String, Object> idle = idle(kafka);
                    results.set("idle", JSON.valueToTree(idle));
                    ObjectNode standard =
                            results.path("standard") instanceof ObjectNode s ? s : results.putObject("standard");
                    standard.put("bytesPerIdleConnection", (Double) idle.get("bytesPerIdleConnection"));
                    standard.put("idleConnections", (Integer) idle.get("idleConnections"));
                }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            Results.json(file, results);
        }
        System.out.println("results written to benchmarks/results/" + file + ".json");
    }

    private Map<String, Object> standardRun(String kafka, Path jar) throws Exception {
        return load(kafka, "standard", CLIENTS, 10, 20, Integer.getInteger("bench.seconds", 60), jar);
    }

    /** {@code -Dbench.compareJar}: REPEAT rounds of this build and the other, in alternating order. */
    private Map<String, Object> compare(String kafka, Path other) throws Exception {
        Path mine = GatewayProcess.defaultJar();
        List<Map<String, Object>> mineRuns = new ArrayList<>();
        List<Map<String, Object>> otherRuns = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < REPEAT; i++) {
            Map<String, Object> a;
            Map<String, Object> b;
            System.out.printf("%nround %d of %d: %s first%n", i + 1, REPEAT, i % 2 == 0 ? "this build" : other);
            if (i % 2 == 0) {
                a = standardRun(kafka, mine);
                b = standardRun(kafka, other);
            } else {
                b = standardRun(kafka, other);
                a = standardRun(kafka, mine);
            }
            mineRuns.add(a);
            otherRuns.add(b);
            ratios.add(((Number) a.get("framesPerCpuSecond")).doubleValue()
                    / ((Number) b.get("framesPerCpuSecond")).doubleValue());
        }
        Map<String, Object> mineMedians = medians(mineRuns);
        Map<String, Object> otherMedians = medians(otherRuns);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("thisBuild", gitCommit() + " (" + mine + ")");
        c.put("comparedWith", System.getProperty("bench.compareLabel", "") + " (" + other + ")");
        c.put("rounds", REPEAT);
        c.put("thisBuildMedians", mineMedians);
        c.put("comparedMedians", otherMedians);
        c.put("framesPerCpuSecondRatioByRound", ratios);
        c.put(
                "thisBuildRuns",
                mineRuns.stream().map(GatewayBenchmark::runSummary).toList());
        c.put(
                "comparedRuns",
                otherRuns.stream().map(GatewayBenchmark::runSummary).toList());
        System.out.printf("%nPaired comparison, %d rounds (medians): this build | %s%n", REPEAT, other);
        for (String key : RUN_KEYS) {
            System.out.printf("  %-22s %12.1f | %12.1f%n", key, mineMedians.get(key), otherMedians.get(key));
        }
        System.out.printf("  frames per CPU-second, this build / the other, round by round: %s%n", ratios);
        return c;
    }

    /** The commit this build was made from ({@code +changes}: with source changes not committed; results aside). */
    private static String gitCommit() {
        try {
            String commit = git("rev-parse", "--short", "HEAD");
            String changed = git("status", "--porcelain", "--", ".", ":(exclude)benchmarks/results");
            return commit + (changed.isEmpty() ? "" : "+changes");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", ".."));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + ": " + out);
        }
        return out;
    }

    private static Map<String, Object> medians(List<Map<String, Object>> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : RUN_KEYS) {
            m.put(key, median(runs, key));
        }
        m.put("connectAgainSeconds", median(runs, "connectAgainSeconds"));
        m.put("gatewayFanoutMsP99", median(runs, "gatewayFanoutMsP99"));
        return m;
    }

    /**
     * The keys every run is compared by (results/gateway.json's {@code standard}): each the median over
     * {@code runs}; the idle figures come from the idle scenario (kept from an earlier run if not run now).
     */
    private static Map<String, Object> standardKeys(List<Map<String, Object>> runs, JsonNode previous) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String key : RUN_KEYS) {
            if (!key.equals("connectSeconds")) { // after the idle figures, as the issue lists them
                s.put(key, median(runs, key));
            }
        }
        s.put(
                "bytesPerIdleConnection",
                previous.path("bytesPerIdleConnection").isNumber()
                        ? previous.path("bytesPerIdleConnection").asDouble()
                        : null);
        s.put(
                "idleConnections",
                previous.path("idleConnections").isNumber()
                        ? previous.path("idleConnections").asInt()
                        : null);
        s.put("connectSeconds", median(runs, "connectSeconds"));
        s.put("runs", runs.size());
        return s;
    }

    /** The median of a figure over runs (the mean of the middle two for an even number). */
    static double median(List<Map<String, Object>> runs, String key) {
        double[] v = runs.stream()
                .mapToDouble(r -> ((Number) r.get(key)).doubleValue())
                .sorted()
                .toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The run whose frames per CPU-second is the median (the lower middle one for an even number): its details are kept. */
    static Map<String, Object> medianRun(List<Map<String, Object>> runs) {
        List<Map<String, Object>> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(
                ((Number) a.get("framesPerCpuSecond")).doubleValue(),
                ((Number) b.get("framesPerCpuSecond")).doubleValue()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Map<String, Object> runSummary(Map<String, Object> run) {
        Map<String, Object> s = new LinkedHashMap<>();
        RUN_KEYS.forEach(k -> s.put(k, run.get(k)));
        RUN_EXTRAS.forEach(k -> s.put(k, run.get(k)));
        return s;
    }

    /** The Deployment's JVM flags, or {@code -Dbench.jvmFlags="…"} for experiments. */
    static List<String> jvmFlags() throws IOException {
        String override = System.getProperty("bench.jvmFlags");
        return override == null || override.isBlank()
                ? GatewayProcess.deploymentJvmFlags()
                : List.of(override.trim().split("\\s+"));
    }

    /** Sets the nice value of every thread of a process (Linux: nice is per thread). */
    static void renice(long pid, int nice) throws IOException, InterruptedException {
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                new ProcessBuilder(
                                "renice",
                                "-n",
                                String.valueOf(nice),
                                "-p",
                                task.getFileName().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor();
            }
        }
    }

    /** This JVM's CPU time (the Kafka broker and the event producer run in it), in seconds. */
    static double selfCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Busy time of all cores so far (user, nice, system, irq, softirq from /proc/stat), in seconds. */
    static double machineBusySeconds() {
        return procStat(1, 2, 3, 6, 7);
    }

    /** Time this virtual machine's cores were ready but the host ran something else (steal), in seconds. */
    static double machineStealSeconds() {
        return procStat(8);
    }

    private static double procStat(int... fields) {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long sum = 0;
            for (int i : fields) {
                sum += Long.parseLong(f[i]);
            }
            return sum / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * {@code clients} startup clients in rooms of {@code roomSize}, plus {@code admins}; events at
     * RATE per second for {@code seconds}, after a 10 s warm-up.
     */
    private Map<String, Object> load(
            String kafka, String name, int clients, int roomSize, int admins, int seconds, Path jar) throws Exception {
        String loadBefore = loadAverage();
        List<String> flags = new ArrayList<>(jvmFlags());
        if (JFR) {
            Path jfr = Results.DIR.resolve("gateway-" + name + ".jfr").toAbsolutePath();
            flags.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        try (GatewayProcess gw = GatewayProcess.start("gateway-" + name, kafka, flags, Map.of(), jar);
                EventSource source = SOURCE.equals("rest") ? new RestSource(kafka) : new KafkaSource(kafka)) {
            List<UUID> rooms = source.startups(clients / roomSize);
            List<List<Generators.Connection>> perProcess = new ArrayList<>();
            for (int i = 0; i < GENERATORS; i++) {
                perProcess.add(new ArrayList<>());
            }
            int n = 0;
            for (int i = 0; i < admins; i++) {
                perProcess
                        .get(n++ % GENERATORS)
                        .add(new Generators.Connection(
                                gw.port(), "/admin", "admin", TestTokens.admin("bench-admin-" + i), SUBSCRIBE));
            }
            // every client is a user of its own (10 users per startup), with a token of its own: no
            // verification is shared between two connects
            for (int i = 0; i < clients; i++) {
                UUID room = rooms.get(i % rooms.size());
                String token =
                        TestTokens.sign("bench-user-" + i, Set.of("startup"), room.toString(), Duration.ofHours(3));
                perProcess
                        .get(n++ % GENERATORS)
                        .add(new Generators.Connection(gw.port(), "/client", room.toString(), token, SUBSCRIBE));
            }
            long rssBefore = gw.rss();
            try (Generators generators = new Generators(perProcess, "1g")) {
                Thread.sleep(2000); // the generator JVMs start
                double connectCpu0 = gw.cpuSeconds();
                double connectGeneratorCpu0 = Generators.cpuSeconds(generators.report());
                double connectSeconds = generators.connect();
                double connectGatewayCpu = gw.cpuSeconds() - connectCpu0;
                double connectGeneratorCpu = Generators.cpuSeconds(generators.report()) - connectGeneratorCpu0;
                System.out.printf(
                        "%s: %d connections open in %.2f s on a fresh gateway (gateway CPU %.1f s, load generators' CPU %.1f s)%n",
                        name, clients + admins, connectSeconds, connectGatewayCpu, connectGeneratorCpu);
                // the same clients once more, on a gateway that has served connects before (the replica that
                // takes over a failed one's clients): every token is verified again, only the JIT is warm
                generators.disconnect();
                Thread.sleep(2000);
                double warmCpu0 = gw.cpuSeconds();
                double warmGeneratorCpu0 = Generators.cpuSeconds(generators.report());
                double connectWarmSeconds = generators.connect();
                double connectWarmGatewayCpu = gw.cpuSeconds() - warmCpu0;
                double connectWarmGeneratorCpu = Generators.cpuSeconds(generators.report()) - warmGeneratorCpu0;
                System.out.printf(
                        "%s: %d connections open in %.2f s again (gateway CPU %.1f s, load generators' CPU %.1f s)%n",
                        name, clients + admins, connectWarmSeconds, connectWarmGatewayCpu, connectWarmGeneratorCpu);

                if (HARNESS_NICE > 0) {
                    renice(ProcessHandle.current().pid(), HARNESS_NICE);
                    for (long pid : generators.pids()) {
                        renice(pid, HARNESS_NICE);
                    }
                }
                // what holding the connections costs with no events: pings, heartbeats, the feed's empty fetches
                Thread.sleep(2000);
                double idleCpu0 = gw.cpuSeconds();
                double idleSelf0 = selfCpuSeconds();
                Thread.sleep(IDLE_SECONDS * 1000L);
                double idleGatewayCores = (gw.cpuSeconds() - idleCpu0) / IDLE_SECONDS;
                double idleBrokerCores = (selfCpuSeconds() - idleSelf0) / IDLE_SECONDS;
                System.out.printf(
                        "%s: %d connections and no events for %d s: gateway %.3f cores, Kafka broker + producer %.3f cores%n",
                        name, clients + admins, IDLE_SECONDS, idleGatewayCores, idleBrokerCores);

                source.drive(rooms, Duration.ofSeconds(WARMUP), "w"); // warm-up (JIT)
                Thread.sleep(2000);
                if (source instanceof RestSource) {
                    generators.countAll();
                }
                generators.mark();
                List<JsonNode> before = generators.report();
                double cpu0 = gw.cpuSeconds();
                double system0 = gw.systemCpuSeconds();
                double waiting0 = gw.runQueueWaitSeconds();
                double self0 = selfCpuSeconds();
                double machine0 = machineBusySeconds();
                double steal0 = machineStealSeconds();
                Map<String, Double> threads0 = gw.cpuByThreadGroup();
                TreeMap<Double, Double> server0 = gw.latencyBuckets();
                TreeMap<Double, Double> fanout0 = gw.fanoutBuckets();
                long start = System.nanoTime();
                Map<UUID, Long> produced = source.drive(rooms, Duration.ofSeconds(seconds), "m");
                long events =
                        produced.values().stream().mapToLong(Long::longValue).sum();
                long expected = events * admins + (long) roomSize * events;
                // wait for the last frames (and no more), then read the gateway's CPU
                List<JsonNode> after = generators.report();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (Generators.sum(after, "frames") < expected && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    after = generators.report();
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double gatewayCpu = gw.cpuSeconds() - cpu0;
                double gatewaySystemCpu = gw.systemCpuSeconds() - system0;
                double gatewayWaiting = gw.runQueueWaitSeconds() - waiting0;
                double selfCpu = selfCpuSeconds() - self0;
                double machineBusy = machineBusySeconds() - machine0;
                double steal = machineStealSeconds() - steal0;
                Map<String, Double> threads = gw.cpuByThreadGroup();
                threads.replaceAll((group, cpu) -> Math.round((cpu - threads0.getOrDefault(group, 0.0)) * 100) / 100.0);
                TreeMap<Double, Double> server1 = gw.latencyBuckets();
                TreeMap<Double, Double> fanout1 = gw.fanoutBuckets();
                long rss = gw.rss();
                String loadAfter = loadAverage();

                long frames = Generators.sum(after, "frames");
                long lost = 0;
                long extra = 0;
                for (int p = 0; p < generators.processes(); p++) {
                    JsonNode counts = after.get(p).path("perConnection");
                    List<Generators.Connection> conns = generators.connections(p);
                    for (int i = 0; i < conns.size(); i++) {
                        String room = conns.get(i).room();
                        long want = room.equals("admin") ? events : produced.getOrDefault(UUID.fromString(room), 0L);
                        long got = counts.get(i).asLong();
                        lost += Math.max(0, want - got);
                        extra += Math.max(0, got - want);
                    }
                }
                Histogram h = Generators.latency(after);
                double generatorCpu = Generators.cpuSeconds(after) - Generators.cpuSeconds(before);

                Map<String, Object> r = new LinkedHashMap<>();
                r.put("clients", clients);
                r.put("rooms", rooms.size());
                r.put("admins", admins);
                r.put(
                        "source",
                        SOURCE.equals("rest") ? "signal-service REST (credit allocations: 2 events each)" : "Kafka");
                r.put("eventsPerSecondOffered", RATE);
                r.put("eventsSent", events);
                r.put("seconds", seconds);
                r.put("warmupSeconds", WARMUP);
                r.put("framesExpected", expected);
                r.put("framesReceived", frames);
                r.put("framesLost", lost);
                r.put("framesUnexpected", extra);
                r.put("framesOfAnotherRoom", Generators.sum(after, "leaks"));
                Map<String, Long> closed = new TreeMap<>();
                after.forEach(g -> g.path("closedByServer")
                        .fields()
                        .forEachRemaining(
                                f -> closed.merge(f.getKey(), f.getValue().asLong(), Long::sum)));
                r.put("connectionsClosedByCode", closed);
                r.put("framesPerSecond", frames / elapsed);
                r.put("gatewayCpuSeconds", gatewayCpu);
                r.put("gatewayCpuCores", gatewayCpu / elapsed);
                r.put("gatewayCpuSecondsInKernel", gatewaySystemCpu);
                // CPU contention on this machine: the gateway's threads ready to run but waiting for a core,
                // the Kafka broker and producer (this JVM), and every core's busy time
                r.put("gatewayRunQueueWaitSeconds", gatewayWaiting);
                r.put("brokerAndProducerCpuCores", selfCpu / elapsed);
                r.put("machineBusyCores", machineBusy / elapsed);
                r.put("machineStealSeconds", steal);
                r.put("framesPerCpuSecond", frames / gatewayCpu);
                r.put("gatewayCpuSecondsByThreads", threads);
                r.put("framesPerCpuSecondWithoutJit", frames / (gatewayCpu - threads.getOrDefault("jit", 0.0)));
                r.put("latencyMsP50", h.getValueAtPercentile(50) / 1000.0);
                r.put("latencyMsP99", h.getValueAtPercentile(99) / 1000.0);
                r.put("latencyMsP999", h.getValueAtPercentile(99.9) / 1000.0);
                r.put("latencyMsMax", h.getMaxValue() / 1000.0);
                r.put("gatewayLatencyMsP50", GatewayProcess.percentileMs(server0, server1, 0.50));
                r.put("gatewayLatencyMsP99", GatewayProcess.percentileMs(server0, server1, 0.99));
                r.put("gatewayLatencyMsP999", GatewayProcess.percentileMs(server0, server1, 0.999));
                // the gateway's own share: from consuming the event to its frames written (Kafka's hop left out)
                r.put("gatewayFanoutMsP50", GatewayProcess.percentileMs(fanout0, fanout1, 0.50));
                r.put("gatewayFanoutMsP99", GatewayProcess.percentileMs(fanout0, fanout1, 0.99));
                r.put("gatewayFanoutMsP999", GatewayProcess.percentileMs(fanout0, fanout1, 0.999));
                r.put("rssMiB", rss / 1048576.0);
                r.put("rssBeforeClientsMiB", rssBefore / 1048576.0);
                r.put("connectSeconds", connectSeconds);
                r.put("connectGatewayCpuSeconds", connectGatewayCpu);
                r.put("harnessNice", HARNESS_NICE);
                r.put("idleGatewayCpuCores", idleGatewayCores);
                r.put("idleBrokerAndProducerCpuCores", idleBrokerCores);
                r.put("connectAgainSeconds", connectWarmSeconds);
                r.put("connectAgainGatewayCpuSeconds", connectWarmGatewayCpu);
                r.put("connectLoadGeneratorCpuSeconds", connectGeneratorCpu);
                r.put("connectAgainLoadGeneratorCpuSeconds", connectWarmGeneratorCpu);
                r.put("subscribe", SUBSCRIBE);
                r.put("loadGenerators", generators.processes());
                r.put("loadGeneratorCpuCores", generatorCpu / elapsed);
                // whether the clients themselves held frames back (a selector round busy for long)
                r.put(
                        "loadGeneratorLongestRoundMs",
                        after.stream()
                                .mapToDouble(g -> g.path("longestLoopRoundMs").asDouble())
                                .max()
                                .orElse(0));
                r.put("loadGeneratorRoundsOver10ms", Generators.sum(after, "loopRoundsOver10ms"));
                r.put("loadAverageBefore", loadBefore);
                r.put("loadAverageAfter", loadAfter);
                r.put("when", Instant.now().toString());
                print(name, r);
                plotLatency(name, h, server0, server1);
                return r;
            }
        }
    }

    /** {@code results/gateway-<scenario>-latency.png}: latency percentiles seen by the clients and by the gateway itself. */
    private static void plotLatency(
            String name, Histogram clients, TreeMap<Double, Double> server0, TreeMap<Double, Double> server1)
            throws IOException {
        Map<String, Double> client = new LinkedHashMap<>();
        Map<String, Double> gateway = new LinkedHashMap<>();
        for (double q : new double[] {50, 90, 99, 99.9}) {
            String label = "p" + (q == Math.rint(q) ? String.valueOf((int) q) : String.valueOf(q));
            client.put(label, clients.getValueAtPercentile(q) / 1000.0);
            gateway.put(label, GatewayProcess.percentileMs(server0, server1, q / 100));
        }
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        series.put("clients: event time → frame received", client);
        series.put("gateway: event time → frames written (bucket upper bound)", gateway);
        Results.barChart(
                "gateway-" + name + "-latency.png",
                "Gateway delivery latency, scenario " + name + " (" + CLIENTS + " clients, " + RATE + " events/s)",
                "percentile",
                "ms",
                series);
    }

    private static void print(String name, Map<String, Object> r) {
        System.out.println();
        System.out.printf(
                "Gateway, scenario %s: %s clients in %s rooms + %s admins, %s events/s for %s s (load %s → %s)%n",
                name,
                r.get("clients"),
                r.get("rooms"),
                r.get("admins"),
                r.get("eventsPerSecondOffered"),
                r.get("seconds"),
                r.get("loadAverageBefore"),
                r.get("loadAverageAfter"));
        System.out.println(
                "| frames/s | frames per gateway CPU-s | gateway CPU | client p50 | p99 | p99.9 | gateway p99 | RSS | connect | lost | other room | generator CPU |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf(
                "| %,.0f | %,.0f | %.2f cores | %.1f ms | %.1f ms | %.1f ms | ≤ %.1f ms | %.0f MiB | %.1f s | %d | %d | %.2f cores |%n",
                (Double) r.get("framesPerSecond"),
                (Double) r.get("framesPerCpuSecond"),
                (Double) r.get("gatewayCpuCores"),
                (Double) r.get("latencyMsP50"),
                (Double) r.get("latencyMsP99"),
                (Double) r.get("latencyMsP999"),
                (Double) r.get("gatewayLatencyMsP99"),
                (Double) r.get("rssMiB"),
                (Double) r.get("connectSeconds"),
                (Long) r.get("framesLost"),
                (Long) r.get("framesOfAnotherRoom"),
                (Double) r.get("loadGeneratorCpuCores"));
        System.out.printf(
                "gateway CPU seconds by threads: %s (%.1f s of %.1f s in the kernel); frames per CPU-second without the JIT compilers: %,.0f; closed by the server: %s%n",
                r.get("gatewayCpuSecondsByThreads"),
                (Double) r.get("gatewayCpuSecondsInKernel"),
                (Double) r.get("gatewayCpuSeconds"),
                (Double) r.get("framesPerCpuSecondWithoutJit"),
                r.get("connectionsClosedByCode"));
        System.out.printf(
                "CPU on this machine: %.2f cores busy in all; Kafka broker + producer %.2f cores; the gateway's threads waited %.1f s for a core; the host took %.2f s (steal)%n",
                (Double) r.get("machineBusyCores"),
                (Double) r.get("brokerAndProducerCpuCores"),
                (Double) r.get("gatewayRunQueueWaitSeconds"),
                (Double) r.get("machineStealSeconds"));
        System.out.printf(
                "gateway fan-out (consumed → written) p50 ≤ %.1f ms, p99 ≤ %.1f ms, p99.9 ≤ %.1f ms; connect: gateway CPU %.1f s, load generators' CPU %.1f s%n",
                (Double) r.get("gatewayFanoutMsP50"),
                (Double) r.get("gatewayFanoutMsP99"),
                (Double) r.get("gatewayFanoutMsP999"),
                (Double) r.get("connectGatewayCpuSeconds"),
                (Double) r.get("connectLoadGeneratorCpuSeconds"));
    }

    /**
     * Idle connections on REPLICAS gateway processes, each filled by its own load generator; the heap
     * is fixed at the Deployment's maximum and pre-touched so that RSS growth is native memory only, and heap per connection is
     * heap in use after a full GC, before and after.
     */
    /** The heap the flags give the JVM: -Xmx, else MaxRAMPercentage (default 25) of MaxRAM (default this machine's). */
    static String maxHeap(List<String> flags) {
        for (String f : flags) {
            if (f.startsWith("-Xmx")) {
                return f.substring(4);
            }
        }
        long ram = flags.stream()
                .filter(f -> f.startsWith("-XX:MaxRAM="))
                .map(f -> Long.parseLong(f.substring(11)))
                .findFirst()
                .orElse(Runtime.getRuntime().maxMemory() * 4);
        double percent = flags.stream()
                .filter(f -> f.startsWith("-XX:MaxRAMPercentage="))
                .map(f -> Double.parseDouble(f.substring(21)))
                .findFirst()
                .orElse(25.0);
        return (long) (ram * percent / 100) / (1 << 20) + "m";
    }

    private Map<String, Object> idle(String kafka) throws Exception {
        String loadBefore = loadAverage();
        List<String> flags = new ArrayList<>(jvmFlags());
        flags.add("-Xms" + maxHeap(flags));
        flags.add("-XX:+AlwaysPreTouch");
        List<GatewayProcess> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(GatewayProcess.start("gateway-idle-" + i, kafka, flags, Map.of()));
            }
            long[] heapBefore = new long[REPLICAS];
            long[] rssBefore = new long[REPLICAS];
            List<List<Generators.Connection>> perProcess = new ArrayList<>();
            String token = TestTokens.startup(UUID.randomUUID());
            boolean nmt = flags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking="));
            for (int i = 0; i < REPLICAS; i++) {
                heapBefore[i] = replicas.get(i).heapAfterGc();
                rssBefore[i] = replicas.get(i).rss();
                if (nmt && i == 0) {
                    replicas.get(i).jcmd("VM.native_memory", "baseline");
                }
                List<Generators.Connection> conns = new ArrayList<>();
                for (int c = 0; c < IDLE / REPLICAS; c++) {
                    conns.add(new Generators.Connection(replicas.get(i).port(), "/client", "idle", token));
                }
                perProcess.add(conns);
            }
            try (Generators generators = new Generators(perProcess, "1500m")) {
                Thread.sleep(2000);
                double connectSeconds = generators.connect();
                Thread.sleep(3000);
                List<Map<String, Object>> perReplica = new ArrayList<>();
                double heapSum = 0;
                double nativeSum = 0;
                int total = 0;
                for (int i = 0; i < REPLICAS; i++) {
                    GatewayProcess gw = replicas.get(i);
                    int n = perProcess.get(i).size();
                    long heap = gw.heapAfterGc();
                    long rss = gw.rss();
                    double heapPer = (heap - heapBefore[i]) / (double) n;
                    double nativePer = (rss - rssBefore[i]) / (double) n;
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("idleConnections", n);
                    r.put("heapBytesPerConnection", heapPer);
                    r.put("nativeBytesPerConnection", nativePer);
                    r.put("bytesPerConnection", heapPer + nativePer);
                    r.put("rssMiB", rss / 1048576.0);
                    r.put("heapAfterGcMiB", heap / 1048576.0);
                    perReplica.add(r);
                    heapSum += heapPer * n;
                    nativeSum += nativePer * n;
                    total += n;
                    if (i == 0) {
                        if (nmt) { // -Dbench.jvmFlags="… -XX:NativeMemoryTracking=summary": where native memory grew
                            Files.writeString(
                                    Results.DIR.resolve("gateway-idle-nmt.txt"),
                                    gw.jcmd("VM.native_memory", "summary.diff"));
                        }
                        String histogram = gw.jcmd("GC.class_histogram");
                        Files.write(
                                Results.DIR.resolve("gateway-idle-heap-histogram.txt"),
                                histogram.lines().limit(45).toList());
                    }
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("idleConnections", total);
                result.put("replicas", REPLICAS);
                result.put("bytesPerIdleConnection", (heapSum + nativeSum) / total);
                result.put("heapBytesPerIdleConnection", heapSum / total);
                result.put("nativeBytesPerIdleConnection", nativeSum / total);
                result.put("connectSeconds", connectSeconds);
                result.put("perReplica", perReplica);
                result.put("jvmFlags", String.join(" ", flags));
                result.put("loadAverageBefore", loadBefore);
                result.put("loadAverageAfter", loadAverage());
                System.out.println();
                System.out.printf("Idle connections on %d gateway replicas (load %s)%n", REPLICAS, loadBefore);
                System.out.println(
                        "| replica | idle connections | heap per connection | native per connection | RSS |");
                System.out.println("|---:|---:|---:|---:|---:|");
                for (int i = 0; i < perReplica.size(); i++) {
                    Map<String, Object> r = perReplica.get(i);
                    System.out.printf(
                            "| %d | %d | %.0f B | %.0f B | %.0f MiB |%n",
                            i + 1,
                            (Integer) r.get("idleConnections"),
                            (Double) r.get("heapBytesPerConnection"),
                            (Double) r.get("nativeBytesPerConnection"),
                            (Double) r.get("rssMiB"));
                }
                System.out.printf(
                        "total %d idle connections, %.0f bytes each (heap + native)%n",
                        total, (heapSum + nativeSum) / total);
                return result;
            }
        } finally {
            replicas.forEach(GatewayProcess::close);
        }
    }

    /** Where the load comes from: straight to Kafka, or through signal-service's REST API. */
    interface EventSource extends AutoCloseable {
        /** The startups whose rooms the clients join (created first where the source needs them to exist). */
        List<UUID> startups(int count) throws Exception;

        /** Drives RATE per second for {@code duration}, marked with {@code run}; returns the events sent per startup. */
        Map<UUID, Long> drive(List<UUID> startups, Duration duration, String run) throws Exception;
    }

    /** credits.updated events produced to Kafka, as an outbox relay would, for random startups (key = startup). */
    static final class KafkaSource implements EventSource {
        private final KafkaProducer<String, String> producer;

        KafkaSource(String kafka) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka);
            p.put("linger.ms", "0");
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
        public Map<UUID, Long> drive(List<UUID> startups, Duration duration, String run) {
            Random random = new Random();
            Map<UUID, Long> sent = new HashMap<>();
            paced(duration, n -> {
                UUID startup = startups.get(random.nextInt(startups.size()));
                CloudEvent ce = new CloudEvent(
                        UUID.randomUUID().toString(),
                        EventType.CREDITS_UPDATED.type(),
                        "bench",
                        startup.toString(),
                        Instant.now(),
                        startup.toString(),
                        EventType.CREDITS_UPDATED.audience().header(startup),
                        "{\"startupId\":\"" + startup + "\",\"balance\":" + n
                                + ",\"delta\":-1,\"entryType\":\"deduction\",\"run\":\"" + run + "\"}");
                producer.send(ce.toRecord(EventType.CREDITS_UPDATED.topic().topicName()));
                sent.merge(startup, 1L, Long::sum);
            });
            producer.flush();
            return sent;
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /**
     * The whole write path: credit allocations through signal-service's REST API (a real process on
     * real PostgreSQL), each committing credits.allocated + credits.updated through the outbox.
     * Latency then runs from the commit (ce_time) to the frame received. (Its frames carry no run
     * marker, so only the latency is meaningful with this source; lost/unexpected counts are not.)
     */
    static final class RestSource implements EventSource {
        private final ServiceProcess signal;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String admin = TestTokens.admin("bench-admin");
        private final Semaphore inFlight = new Semaphore(256);

        RestSource(String kafka) throws Exception {
            PostgresServer pg = Infrastructure.postgres();
            pg.createDatabase("bench_signal");
            signal = ServiceProcess.start(
                    "signal-bench",
                    ServiceProcess.jarOf("signal-service"),
                    Map.of(
                            "kafka.bootstrap.servers",
                            kafka,
                            "quarkus.datasource.jdbc.url",
                            pg.jdbcUrl("bench_signal"),
                            "quarkus.datasource.username",
                            PostgresServer.USER,
                            "quarkus.datasource.password",
                            "",
                            "quarkus.log.level",
                            "WARN"),
                    "-Xmx512m",
                    "-XX:+UseParallelGC");
        }

        private CompletableFuture<HttpResponse<String>> post(String path, String json) throws InterruptedException {
            inFlight.acquire();
            return http.sendAsync(
                            HttpRequest.newBuilder(URI.create(signal.url(path)))
                                    .header("Authorization", "Bearer " + admin)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release());
        }

        @Override
        public List<UUID> startups(int count) throws Exception {
            List<CompletableFuture<HttpResponse<String>>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(post("/api/startups", "{\"name\":\"bench startup " + i + "\",\"sectors\":[\"govtech\"]}"));
            }
            List<UUID> ids = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : created) {
                ids.add(UUID.fromString(
                        JSON.readTree(f.get(120, TimeUnit.SECONDS).body())
                                .path("id")
                                .asText()));
            }
            return ids;
        }

        @Override
        public Map<UUID, Long> drive(List<UUID> startups, Duration duration, String run) {
            Random random = new Random();
            Map<UUID, Long> sent = new HashMap<>();
            paced(duration, n -> {
                UUID startup = startups.get(random.nextInt(startups.size()));
                try {
                    post("/api/startups/" + startup + "/credits/allocations", "{\"amount\":1,\"reason\":\"bench\"}");
                    sent.merge(startup, 2L, Long::sum);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return sent;
        }

        @Override
        public void close() {
            signal.close();
        }
    }

    /** Calls {@code action} RATE times per second for {@code duration}; returns how many times. */
    static long paced(Duration duration, LongConsumer action) {
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
}
