package org.civstart.testing;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as a real,
 * separate process: for tests with several replicas, the end-to-end test and benchmarks. Config
 * is passed as system properties; the OIDC key of {@link TestTokens} is always included.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code jar} on a free port and waits until {@code /q/health/ready} answers 200.
     *
     * @param config system properties, e.g. {@code kafka.bootstrap.servers}
     * @param jvmArgs e.g. {@code -Xmx256m}
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> config, String... jvmArgs)
            throws IOException {
        return start(name, jar, freePort(), config, jvmArgs);
    }

    /** As {@link #start(String, Path, Map, String...)}, on a port the caller chose (e.g. one it had to name in config). */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> config, String... jvmArgs)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package the module first");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-Dquarkus.http.port=" + port);
        TestTokens.config().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        config.forEach((k, v) -> {
            if (!k.equals("quarkus.http.port")) {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.add("-jar");
        cmd.add(jar.toString());
        Path log = Files.createTempFile(name + "-", ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess s = new ServiceProcess(name, port, p, log);
        try {
            s.awaitReady(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            p.destroyForcibly(); // no orphan process when start-up fails
            throw e;
        }
        return s;
    }

    /** The packaged jar of a module, seen from a sibling module's directory (Maven's working directory). */
    public static Path jarOf(String module) {
        return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; log: " + log);
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
            sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready in " + timeout + "; log: " + log);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public URI ws(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** Resident set size in bytes (Linux). */
    public long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** CPU time used so far, user + system, in seconds (Linux). */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** Kills the process without a graceful shutdown (a crash). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
