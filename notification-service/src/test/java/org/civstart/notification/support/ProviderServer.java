package org.civstart.notification.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server playing an SMS or push provider: it records what it received and answers
 * as scripted (a status, after a delay), so tests exercise failures and slowness.
 */
public final class ProviderServer implements AutoCloseable {

    /** What the provider received: path, Authorization header, body. */
    public record Received(String path, String authorization, String body, int answeredStatus) {}

    private record Script(String match, int status, long delayMillis) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();

    private ProviderServer(HttpServer server) {
        this.server = server;
    }

    public static ProviderServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            ProviderServer p = new ProviderServer(http);
            http.createContext("/", p::handle);
            http.setExecutor(Executors.newCachedThreadPool());
            http.start();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The next request whose body contains {@code match} is answered with {@code status} after {@code delayMillis}. */
    public void script(String match, int status, long delayMillis) {
        scripts.add(new Script(match, status, delayMillis));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What was received with {@code match} in its body (accepted or not). */
    public List<Received> receivedFor(String match) {
        return received.stream().filter(r -> r.body().contains(match)).toList();
    }

    public List<Received> acceptedFor(String match) {
        return receivedFor(match).stream()
                .filter(r -> r.answeredStatus() / 100 == 2)
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Script script = null;
        for (Script s : scripts) {
            if (body.contains(s.match()) && scripts.remove(s)) {
                script = s;
                break;
            }
        }
        int status = script == null ? 202 : script.status();
        received.add(new Received(
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body,
                status));
        if (script != null && script.delayMillis() > 0) {
            try {
                Thread.sleep(script.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // the client gave up waiting (a timeout the test asked for)
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
