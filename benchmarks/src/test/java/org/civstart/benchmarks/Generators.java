package org.civstart.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The load-generator processes ({@link LoadGenerator}) of one run, and their reports. */
final class Generators implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One connection to open: {@code room} is a startup id or {@code admin}; {@code subscribe} the
     * patterns it subscribes to once open (comma list; empty: none, it receives everything).
     */
    record Connection(int port, String path, String room, String token, String subscribe) {
        Connection(int port, String path, String room, String token) {
            this(port, path, room, token, "");
        }
    }

    private record Child(Process process, PrintWriter in, BufferedReader out, List<Connection> connections) {}

    private final List<Child> children = new ArrayList<>();

    /** Starts one process per list of connections (not connecting yet). */
    Generators(List<List<Connection>> perProcess, String heap) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (List<Connection> connections : perProcess) {
            Path spec = Files.createTempFile("load-generator-", ".tsv");
            List<String> lines = new ArrayList<>();
            for (Connection c : connections) {
                lines.add(c.port() + "\t" + c.path() + "\t" + c.room() + "\t" + c.token() + "\t" + c.subscribe());
            }
            Files.write(spec, lines);
            Path log = Files.createTempFile("load-generator-", ".log");
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx" + heap,
                            "-XX:+UseZGC",
                            "-Xlog:gc:file=" + log + ".gc",
                            "-cp",
                            classpath,
                            LoadGenerator.class.getName(),
                            spec.toString(),
                            "1")
                    .redirectError(log.toFile())
                    .start();
            children.add(new Child(
                    p,
                    new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                    connections));
        }
    }

    int processes() {
        return children.size();
    }

    /** The generator processes' ids. */
    List<Long> pids() {
        return children.stream().map(c -> c.process().pid()).toList();
    }

    List<Connection> connections(int process) {
        return children.get(process).connections();
    }

    /** Connects every process at once; returns the wall-clock seconds until the last one is done. */
    double connect() throws Exception {
        long t0 = System.nanoTime();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (Child c : children) {
            answers.add(ask(c, "connect"));
        }
        for (CompletableFuture<String> a : answers) {
            String[] f = a.get(10, TimeUnit.MINUTES).split(" ", 5);
            if (!f[0].equals("connected") || Integer.parseInt(f[2]) > 0) {
                throw new IllegalStateException(
                        "a load generator could not connect everything: " + String.join(" ", f));
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Closes every connection (the clients' closing handshake) and waits until all are closed. */
    void disconnect() throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (Child c : children) {
            answers.add(ask(c, "disconnect"));
        }
        for (CompletableFuture<String> a : answers) {
            a.get(2, TimeUnit.MINUTES);
        }
    }

    /** The measured run starts: the clients' own stalls are measured from now on. */
    void mark() throws Exception {
        for (Child c : children) {
            ask(c, "mark").get(1, TimeUnit.MINUTES);
        }
    }

    /** From now on every event frame counts (sources whose events carry no run marker). */
    void countAll() throws Exception {
        for (Child c : children) {
            ask(c, "count-all").get(1, TimeUnit.MINUTES);
        }
    }

    /** One report per process: frames, leaks, cpuSeconds, histogram, perConnection. */
    List<JsonNode> report() throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (Child c : children) {
            answers.add(ask(c, "report"));
        }
        List<JsonNode> reports = new ArrayList<>();
        for (CompletableFuture<String> a : answers) {
            reports.add(JSON.readTree(a.get(2, TimeUnit.MINUTES)));
        }
        return reports;
    }

    static Histogram latency(List<JsonNode> reports) throws Exception {
        Histogram all = null;
        for (JsonNode r : reports) {
            Histogram h = LoadGenerator.decode(r.path("histogram").asText());
            if (all == null) {
                all = h;
            } else {
                all.add(h);
            }
        }
        return all;
    }

    static long sum(List<JsonNode> reports, String field) {
        return reports.stream().mapToLong(r -> r.path(field).asLong()).sum();
    }

    static double cpuSeconds(List<JsonNode> reports) {
        return reports.stream()
                .mapToDouble(r -> r.path("cpuSeconds").asDouble())
                .sum();
    }

    private static CompletableFuture<String> ask(Child c, String command) {
        return CompletableFuture.supplyAsync(() -> {
            synchronized (c) {
                c.in().println(command);
                try {
                    String line = c.out().readLine();
                    if (line == null) {
                        throw new IllegalStateException("load generator exited");
                    }
                    return line;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @Override
    public void close() {
        for (Child c : children) {
            c.in().println("close");
        }
        for (Child c : children) {
            try {
                if (!c.process().waitFor(30, TimeUnit.SECONDS)) {
                    c.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                c.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
