package org.civstart.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.civstart.peer.airtable.FakeAirtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The external services of the local stack, as real protocol peers on localhost: an Airtable base
 * (platform/airtable-peer) that sync-service registers a webhook with, and SMS / push providers
 * that print what notification-service sends them. A control endpoint lets
 * {@code ./run-local airtable "<title>"} edit the base like staff would, which sends a signed ping.
 */
final class LocalPeers implements AutoCloseable {

    static final String BASE = "appCivStartDemo01";
    static final String SIGNALS_TABLE = "tblDemoSignals001";
    static final int CONTROL = 8088;
    static final int SMS = 9901;
    static final int PUSH = 9902;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeAirtable airtable;
    private final List<HttpServer> servers;
    private volatile String webhookId;

    private LocalPeers(FakeAirtable airtable, List<HttpServer> servers) {
        this.airtable = airtable;
        this.servers = servers;
    }

    static LocalPeers start() throws IOException {
        FakeAirtable airtable = FakeAirtable.start();
        LocalPeers peers = new LocalPeers(airtable, List.of(
                printer(SMS, "sms"), printer(PUSH, "push"), HttpServer.create(new InetSocketAddress("localhost", CONTROL), 10)));
        HttpServer control = peers.servers.get(2);
        control.createContext("/airtable/signals", peers::editSignal);
        control.setExecutor(Executors.newSingleThreadExecutor());
        control.start();
        return peers;
    }

    /** sync-service's settings: where Airtable is, and which table holds signals (field id → our name). */
    Map<String, String> syncServiceProperties() {
        String t = "civstart.airtable.tables." + SIGNALS_TABLE;
        return Map.of("quarkus.rest-client.airtable.url", airtable.url(),
                "civstart.airtable.token", FakeAirtable.TOKEN,
                t + ".kind", "signal",
                t + ".fields.fldTitle", "title",
                t + ".fields.fldSummary", "summary",
                t + ".fields.fldAgency", "agency",
                t + ".fields.fldSectors", "sectors",
                t + ".fields.fldPoolCost", "poolCost");
    }

    /**
     * Once sync-service runs: register its webhook for the demo base (as an admin would). The base
     * lives in memory, so a webhook sync-service remembers from an earlier run is deleted first.
     */
    void registerWebhook(URI syncService, String adminToken) throws Exception {
        airtable.pingTarget(syncService.resolve("/webhooks/airtable"));
        for (JsonNode old : Demo.call(syncService.toString(), "GET", "/admin/airtable/webhooks", adminToken, null)) {
            if (BASE.equals(old.path("baseId").asText())) {
                Demo.call(syncService.toString(), "DELETE", "/admin/airtable/webhooks/" + old.path("id").asText(), adminToken, null);
            }
        }
        JsonNode hook = Demo.call(syncService.toString(), "POST", "/admin/airtable/webhooks", adminToken,
                Map.of("baseId", BASE, "tableId", SIGNALS_TABLE));
        webhookId = hook.path("id").asText();
    }

    /** {@code POST /airtable/signals} with a title: a staff edit in Airtable, then Airtable's ping. */
    private void editSignal(HttpExchange exchange) throws IOException {
        String title = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
        int status;
        String answer;
        if (webhookId == null || title.isEmpty()) {
            status = 400;
            answer = "no webhook registered yet, or no title given\n";
        } else {
            String record = airtable.create(BASE, SIGNALS_TABLE, Map.of("fldTitle", title, "fldAgency", "Airtable demo",
                    "fldSectors", List.of(Map.of("id", "selDemo", "name", "govtech", "color", "blueLight2")), "fldPoolCost", 10.0));
            int ping = airtable.ping(webhookId);
            status = 200;
            answer = "created Airtable record " + record + " in " + SIGNALS_TABLE + "; ping answered " + ping + "\n";
            LocalStack.say("airtable: " + answer.trim());
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A provider that accepts every message (202) and prints it. */
    private static HttpServer printer(int port, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 10);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            LocalStack.say(name + " " + exchange.getRequestURI().getPath() + ": " + body);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        return server;
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        airtable.close();
    }
}
