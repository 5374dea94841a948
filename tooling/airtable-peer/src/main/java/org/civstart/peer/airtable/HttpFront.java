package org.civstart.peer.airtable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.civstart.peer.airtable.FakeAirtable.Request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The peer's HTTP server: checks the bearer token ({@link FakeAirtable#TOKEN}), applies the rate
 * limit and injected failures per base, routes Airtable's webhook and records API to {@link Webhooks}
 * and {@link Tables}, answers JSON, and logs every request with the status it got.
 */
final class HttpFront implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Webhooks webhooks;
    private final Tables tables;
    private final RateLimits limits;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    HttpFront(Webhooks webhooks, Tables tables, RateLimits limits) throws IOException {
        this.webhooks = webhooks;
        this.tables = tables;
        this.limits = limits;
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String[] parts = path.split("/");
            String baseId =
                    parts.length > 3 && "bases".equals(parts[2]) ? parts[3] : parts.length > 2 ? parts[2] : null;
            long now = System.nanoTime();
            byte[] body = ex.getRequestBody().readAllBytes();
            int status;
            Object answer;
            if (!("Bearer " + FakeAirtable.TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = Map.of("error", Map.of("type", "AUTHENTICATION_REQUIRED", "message", "token"));
            } else if (baseId != null
                    && (status = limits.admit(baseId, now, ex.getRequestMethod() + " " + path)) != 0) {
                answer = Map.of("errors", List.of(Map.of("error", "RATE_LIMIT_REACHED")));
            } else if (baseId != null && (status = limits.injected(baseId, now)) != 0) {
                answer = Map.of(
                        "error",
                        Map.of("type", status == 429 ? "RATE_LIMIT_REACHED" : "SERVER_ERROR", "message", "injected"));
            } else {
                Answer a = route(ex.getRequestMethod(), parts, query, body);
                status = a.status();
                answer = a.body();
            }
            requests.add(new Request(ex.getRequestMethod(), path, query, baseId, now, status));
            byte[] out = answer == null ? new byte[0] : JSON.writeValueAsBytes(answer);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    /** {@code p} is the path split at {@code /}: p[0]="", p[1]="v0". */
    private Answer route(String method, String[] p, Map<String, String> q, byte[] body) throws IOException {
        boolean webhookApi = p.length > 2 && "bases".equals(p[2]);
        if (webhookApi && p.length == 5 && "webhooks".equals(p[4]) && "POST".equals(method)) {
            return webhooks.create(p[3], JSON.readTree(body));
        }
        if (webhookApi && p.length == 7 && "payloads".equals(p[6]) && "GET".equals(method)) {
            return webhooks.payloads(p[3], p[5], q);
        }
        if (webhookApi && p.length == 7 && "refresh".equals(p[6]) && "POST".equals(method)) {
            return webhooks.refresh(p[3], p[5]);
        }
        if (webhookApi && p.length == 6 && "DELETE".equals(method)) {
            return webhooks.delete(p[3], p[5]);
        }
        if (p.length == 4 && "GET".equals(method)) {
            return tables.page(p[2], p[3], q);
        }
        return Answer.NOT_FOUND;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }
}
