package org.civstart.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.civstart.testing.PrometheusText;
import org.civstart.testing.ServiceProcess;
import org.civstart.testing.TestTokens;

/**
 * The packaged gateway as its own process, started the way the Kubernetes Deployment starts it:
 * the JVM flags come from {@code JAVA_OPTS_APPEND} in {@code deploy/k8s/base/apps/realtime-gateway.yaml}
 * and its container memory limit becomes {@code -XX:MaxRAM} (what the JVM sees as the machine's memory in
 * the pod, so the heap is the same share of it),
 * the Java runtime is the one the image runs ({@code -Dbench.java}, default JDK 25 when installed).
 */
final class GatewayProcess implements AutoCloseable {

    static final Path DEPLOYMENT = Path.of("..", "deploy", "k8s", "base", "apps", "realtime-gateway.yaml");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final Process process;
    private final Path log;

    private GatewayProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The Java launcher the image runs. */
    static String java() {
        String configured = System.getProperty("bench.java");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        return Files.isExecutable(jdk25)
                ? jdk25.toString()
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The {@code -X…} flags of the Deployment's {@code JAVA_OPTS_APPEND}. */
    static List<String> deploymentJvmFlags() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOYMENT);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("name: JAVA_OPTS_APPEND")) {
                String value = lines.get(i + 1).trim();
                if (!value.startsWith("value:")) {
                    break;
                }
                List<String> flags = new ArrayList<>();
                for (String flag : value.substring("value:".length())
                        .trim()
                        .replace("\"", "")
                        .split("\\s+")) {
                    if (flag.startsWith("-X")) {
                        flags.add(flag);
                    }
                }
                // the container's memory limit is the machine the JVM sizes itself for (heap = MaxRAMPercentage of it)
                memoryLimit(lines, i).ifPresent(bytes -> flags.add("-XX:MaxRAM=" + bytes));
                return flags;
            }
        }
        throw new IllegalStateException("no JAVA_OPTS_APPEND value in " + DEPLOYMENT);
    }

    /** The {@code resources.limits.memory} after line {@code from} of the Deployment, in bytes. */
    private static Optional<Long> memoryLimit(List<String> lines, int from) {
        for (int i = from; i < lines.size() - 1; i++) {
            if (lines.get(i).trim().equals("limits:") && lines.get(i + 1).trim().startsWith("memory:")) {
                String q = lines.get(i + 1).trim().substring("memory:".length()).trim();
                long unit = q.endsWith("Gi") ? 1L << 30 : q.endsWith("Mi") ? 1L << 20 : 1;
                return Optional.of(Long.parseLong(q.replaceAll("[A-Za-z]", "")) * unit);
            }
        }
        return Optional.empty();
    }

    /** The gateway build to run: {@code -Dbench.gatewayJar=…} (another build), else the one this reactor packaged. */
    static Path defaultJar() {
        String other = System.getProperty("bench.gatewayJar");
        return other != null && !other.isBlank() ? Path.of(other) : ServiceProcess.jarOf("realtime-gateway");
    }

    static GatewayProcess start(String name, String kafka, List<String> jvmFlags, Map<String, String> config)
            throws IOException {
        return start(name, kafka, jvmFlags, config, defaultJar());
    }

    static GatewayProcess start(String name, String kafka, List<String> jvmFlags, Map<String, String> config, Path jar)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package realtime-gateway first");
        }
        int port = ServiceProcess.freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmFlags);
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dkafka.bootstrap.servers=" + kafka);
        cmd.add("-Dquarkus.log.level=WARN");
        TestTokens.config().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        Path log = Files.createTempFile(name + "-", ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        GatewayProcess g = new GatewayProcess(port, p, log);
        g.awaitReady();
        return g;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited during start-up; log: " + log);
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the gateway did not become ready; log: " + log);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Resident set size in bytes (Linux). */
    long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** CPU time of the gateway process so far, user + system, in seconds (Linux): robust to other load on the machine. */
    double cpuSeconds() throws IOException {
        return userCpuSeconds() + systemCpuSeconds();
    }

    /** The part of {@link #cpuSeconds} spent in the process's own code (the JVM and the gateway). */
    double userCpuSeconds() throws IOException {
        return stat(11) / 100.0;
    }

    /** The part spent in the kernel on its behalf (socket writes and reads, epoll, and on loopback the peer's TCP receive too). */
    double systemCpuSeconds() throws IOException {
        return stat(12) / 100.0;
    }

    /**
     * Time the gateway's threads were ready to run but waited for a core, summed over its threads
     * ({@code /proc/<pid>/task/<tid>/schedstat}, second field): CPU contention on the machine.
     */
    double runQueueWaitSeconds() throws IOException {
        long waited = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    waited += Long.parseLong(
                            Files.readString(task.resolve("schedstat")).trim().split(" ")[1]);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended meanwhile
                }
            }
        }
        return waited / 1e9;
    }

    private long stat(int field) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field]);
    }

    /**
     * CPU seconds so far per group of the gateway's threads (Linux {@code /proc/<pid>/task}): {@code jit}
     * (C1/C2 compilers), {@code gc}, {@code eventLoops} (Vert.x: socket I/O and frame writes),
     * {@code feed} (Kafka consumer and routing), {@code other}. Separates the steady-state cost of
     * delivery from JIT warm-up, which on a loaded machine goes on well into a run. Each group's kernel
     * share is under {@code <group>InKernel}.
     */
    Map<String, Double> cpuByThreadGroup() throws IOException {
        Map<String, Double> groups = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double user = Long.parseLong(f[11]) / 100.0;
                    double kernel = Long.parseLong(f[12]) / 100.0;
                    groups.merge(group(name), user + kernel, Double::sum);
                    groups.merge(group(name) + "InKernel", kernel, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended meanwhile
                }
            }
        }
        return groups;
    }

    private static String group(String thread) {
        if (thread.contains("CompilerThre") || thread.startsWith("C1 ") || thread.startsWith("C2 ")) {
            return "jit";
        }
        if (thread.startsWith("ZWorker")
                || thread.startsWith("ZDriver")
                || thread.startsWith("ZDirector")
                || thread.startsWith("GC ")
                || thread.startsWith("G1 ")
                || thread.startsWith("ZThread")
                || thread.startsWith("ZRelocate")
                || thread.startsWith("VM Thread")) {
            return "gc";
        }
        if (thread.startsWith("vert.x-eventloo")) {
            return "eventLoops";
        }
        if (thread.startsWith("gateway-feed")) {
            return "feed";
        }
        return "other";
    }

    /** Runs {@code jcmd <pid> <command…>} of the gateway's own runtime and returns its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(java()).resolveSibling("jcmd").toString());
        cmd.add(String.valueOf(process.pid()));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** Heap in use right after a full GC ({@code jcmd GC.run}), from the gateway's own metrics. */
    long heapAfterGc() throws Exception {
        jcmd("GC.run");
        Thread.sleep(1000);
        return (long) PrometheusText.sum(get("/q/metrics").body(), "jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Cumulative counts of the gateway's delivery-latency histogram ({@code ce_time} → written), by upper bound in seconds. */
    TreeMap<Double, Double> latencyBuckets() throws Exception {
        return buckets("gateway_delivery_latency_seconds");
    }

    /** The same for its fan-out histogram (consumed from Kafka → written: the gateway's own share). */
    TreeMap<Double, Double> fanoutBuckets() throws Exception {
        return buckets("gateway_fanout_latency_seconds");
    }

    private TreeMap<Double, Double> buckets(String histogram) throws Exception {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : get("/q/metrics").body().split("\n")) {
            if (line.startsWith(histogram + "_bucket{")) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.put(upper, PrometheusText.value(line));
            }
        }
        return buckets;
    }

    /** The upper bound (ms) of the bucket holding quantile {@code q} of {@code later − earlier}. */
    static double percentileMs(TreeMap<Double, Double> earlier, TreeMap<Double, Double> later, double q) {
        TreeMap<Double, Double> diff = new TreeMap<>(later);
        diff.replaceAll((le, count) -> count - earlier.getOrDefault(le, 0.0));
        double total = diff.isEmpty() ? 0 : diff.lastEntry().getValue();
        for (Map.Entry<Double, Double> e : diff.entrySet()) {
            if (e.getValue() >= q * total) {
                return e.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
