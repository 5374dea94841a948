package org.civstart.chaos.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker (KRaft) in a JVM of its own ({@link BrokerMain}), on fixed ports with its log
 * on disk, so a scenario can stop it (cleanly, SIGTERM) and start it again with everything it had.
 */
public final class Broker implements AutoCloseable {

    private final Path dataDir;
    private final int port = Ports.free();
    private final int controllerPort = Ports.free();
    private final int partitions;
    private final Path log;
    private Process process;

    public Broker(Path dataDir, int partitions) throws IOException {
        this.dataDir = dataDir;
        this.partitions = partitions;
        this.log = Files.createTempFile("chaos-kafka-", ".log");
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the broker process and waits until it serves (at most 3 minutes). */
    public synchronized void start() throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseParallelGC",
                "-cp",
                classpath,
                BrokerMain.class.getName(),
                dataDir.toString(),
                String.valueOf(port),
                String.valueOf(controllerPort),
                String.valueOf(partitions));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process p = process;
        Thread copier = new Thread(() -> copyOutput(p, ready), "kafka-broker-output");
        copier.setDaemon(true);
        copier.start();
        try {
            ready.get(3, TimeUnit.MINUTES);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the Kafka broker did not start; log: " + log, e);
        }
    }

    private void copyOutput(Process p, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.startsWith("ready ")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("the broker process exited"));
    }

    /** Stops the broker cleanly (SIGTERM: controlled shutdown, its log kept for the next start). */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
