package org.civstart.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an npm script of clients/web with the machine's Node, streaming its output, and fails with it when the script fails. */
final class Npm {

    /** clients/web, seen from the e2e module directory (Maven's working directory for tests). */
    static final Path CLIENTS_WEB =
            Path.of("..", "clients", "web").toAbsolutePath().normalize();

    private Npm() {}

    static void run(String script, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isDirectory(CLIENTS_WEB.resolve("node_modules"))) {
            exec(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5), "npm ci");
        }
        exec(List.of("npm", "run", "--silent", script), env, timeout, "npm run " + script);
    }

    private static void exec(List<String> command, Map<String, String> env, Duration timeout, String what)
            throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(CLIENTS_WEB.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("FORCE_COLOR", "0");
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            System.out.println("[" + what + "] " + line);
                            synchronized (tail) {
                                tail.addLast(line);
                                if (tail.size() > 300) {
                                    tail.removeFirst();
                                }
                            }
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "npm-output");
        pump.start();
        boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        pump.join(5_000);
        if (!finished || p.exitValue() != 0) {
            String output;
            synchronized (tail) {
                output = String.join("\n", tail);
            }
            throw new AssertionError(
                    what + (finished ? " failed (exit " + p.exitValue() + ")" : " timed out after " + timeout)
                            + "; last lines of its output:\n" + output);
        }
    }
}
