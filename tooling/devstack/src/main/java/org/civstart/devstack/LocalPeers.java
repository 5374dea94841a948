package org.civstart.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.civstart.peer.airtable.DemoBase;
import org.civstart.peer.airtable.FakeAirtable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The external services of the local stack, as real protocol peers on localhost: an Airtable base
 * (tooling/airtable-peer, the tables of {@link DemoBase}: organizations, contacts, signals, startups,
 * interactions) that sync-service watches with one webhook, and SMS / push providers that print what
 * notification-service sends them. A control endpoint lets {@code ./run-local airtable ...} add,
 * change, delete and list records of every table like staff would; each change sends a signed ping.
 */
final class LocalPeers implements AutoCloseable {

    static final String BASE = DemoBase.BASE;
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
        LocalPeers peers = new LocalPeers(
                airtable,
                List.of(
                        printer(SMS, "sms"),
                        printer(PUSH, "push"),
                        HttpServer.create(new InetSocketAddress("localhost", CONTROL), 10)));
        HttpServer control = peers.servers.get(2);
        control.createContext("/airtable", peers::edit);
        control.setExecutor(Executors.newSingleThreadExecutor());
        control.start();
        return peers;
    }

    /** sync-service's settings: where Airtable is, and the mapping of the demo base's five tables. */
    Map<String, String> syncServiceProperties() {
        Map<String, String> p = new LinkedHashMap<>(DemoBase.syncServiceProperties());
        p.put("quarkus.rest-client.airtable.url", airtable.url());
        p.put("civstart.sync.airtable.token", FakeAirtable.TOKEN);
        return p;
    }

    /**
     * Once sync-service runs: register its webhook for the whole demo base (as an admin would). The
     * base lives in memory, so a webhook sync-service remembers from an earlier run is deleted first.
     */
    void registerWebhook(URI syncService, String adminToken) throws Exception {
        airtable.pingTarget(syncService.resolve("/webhooks/airtable"));
        for (JsonNode old : Demo.call(syncService.toString(), "GET", "/admin/airtable/webhooks", adminToken, null)) {
            if (BASE.equals(old.path("baseId").asText())) {
                Demo.call(
                        syncService.toString(),
                        "DELETE",
                        "/admin/airtable/webhooks/" + old.path("id").asText(),
                        adminToken,
                        null);
            }
        }
        JsonNode hook = Demo.call(
                syncService.toString(), "POST", "/admin/airtable/webhooks", adminToken, Map.of("baseId", BASE));
        webhookId = hook.path("id").asText();
    }

    /** Staff's first entries, when sync-service's mirror has no organization yet: a small network to browse. */
    void seedIfEmpty(URI syncService, String adminToken) throws Exception {
        JsonNode organizations = Demo.call(
                syncService.toString(), "GET", "/admin/airtable/records/organizations?size=1", adminToken, null);
        if (organizations.path("total").asLong() > 0) {
            return;
        }
        String austin = change(
                DemoBase.Table.ORGANIZATIONS,
                "add",
                null,
                Map.of(
                        "name",
                        "City of Austin",
                        "website",
                        "https://www.austintexas.gov",
                        "sector",
                        "Local government",
                        "location",
                        "Austin, TX"));
        String doe = change(
                DemoBase.Table.ORGANIZATIONS,
                "add",
                null,
                Map.of(
                        "name",
                        "Department of Energy",
                        "website",
                        "https://www.energy.gov",
                        "sector",
                        "Energy",
                        "location",
                        "Washington, DC"));
        String dana = change(
                DemoBase.Table.CONTACTS,
                "add",
                null,
                Map.of(
                        "name",
                        "Dana Ruiz",
                        "email",
                        "dana.ruiz@example.gov",
                        "role",
                        "Chief Innovation Officer",
                        "organization",
                        austin));
        change(
                DemoBase.Table.CONTACTS,
                "add",
                null,
                Map.of(
                        "name",
                        "Sam Okafor",
                        "email",
                        "sam.okafor@example.gov",
                        "role",
                        "Program Manager",
                        "organization",
                        doe));
        change(
                DemoBase.Table.INTERACTIONS,
                "add",
                null,
                Map.of(
                        "contact",
                        dana,
                        "organization",
                        austin,
                        "date",
                        LocalDate.now().toString(),
                        "type",
                        "Call",
                        "notes",
                        "Intro call about open-data tooling"));
        LocalStack.say("airtable: demo base seeded (2 organizations, 2 contacts, 1 interaction)");
    }

    /**
     * {@code POST /airtable} {@code {"kind", "action": add|set|delete|list, "recordId", "fields": {name: value}}}:
     * a staff edit in Airtable, then Airtable's ping. Answers a line of text (400 when the edit makes no sense).
     */
    private void edit(HttpExchange exchange) throws IOException {
        int status = 200;
        String answer;
        try {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            DemoBase.Table table = DemoBase.Table.ofKind(request.path("kind").asText(""))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "kind must be one of organization, contact, signal, startup, interaction"));
            String action = request.path("action").asText("");
            String recordId = request.path("recordId").isTextual()
                    ? request.path("recordId").asText()
                    : null;
            Map<String, String> fields = new LinkedHashMap<>();
            request.path("fields")
                    .fields()
                    .forEachRemaining(e -> fields.put(
                            e.getKey(),
                            e.getValue().isNull() ? null : e.getValue().asText()));
            if (action.equals("list")) {
                answer = list(table);
            } else {
                String record = change(table, action, recordId, fields);
                answer = action + " " + table.kind() + " " + record + " in " + table.id() + " (Airtable base " + BASE
                        + ")";
                LocalStack.say("airtable: " + answer);
                answer += "\n";
            }
        } catch (IllegalArgumentException | IllegalStateException | JsonProcessingException e) {
            status = 400;
            answer = e.getMessage() + "\n";
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Adds, changes or deletes one record, then pings sync-service; returns the record id. */
    private String change(DemoBase.Table table, String action, String recordId, Map<String, String> fields) {
        if (webhookId == null) {
            throw new IllegalStateException("no webhook registered yet: is sync-service up?");
        }
        String record;
        switch (action) {
            case "add" -> {
                if (fields.isEmpty()) {
                    throw new IllegalArgumentException("give the new " + table.kind() + "'s fields as name=value");
                }
                record = airtable.create(BASE, table.id(), DemoBase.cells(table, fields));
            }
            case "set", "delete" -> {
                if (recordId == null || !airtable.has(BASE, table.id(), recordId)) {
                    throw new IllegalArgumentException(
                            "no " + table.kind() + " " + recordId + " in this run's base (list shows them)");
                }
                if (action.equals("set")) {
                    if (fields.isEmpty()) {
                        throw new IllegalArgumentException(
                                "give the fields to change as name=value (name= clears one)");
                    }
                    airtable.update(BASE, table.id(), recordId, DemoBase.cells(table, fields));
                } else {
                    airtable.delete(BASE, table.id(), recordId);
                }
                record = recordId;
            }
            default -> throw new IllegalArgumentException("action must be add, set, delete or list");
        }
        airtable.ping(webhookId);
        return record;
    }

    /** The table's records, one line each, by our field names. */
    private String list(DemoBase.Table table) {
        StringBuilder out = new StringBuilder();
        for (JsonNode r : airtable.records(BASE, table.id())) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (DemoBase.Field f : table.fields()) {
                JsonNode cell = r.path("fields").get(f.id());
                if (cell != null && !cell.isNull()) {
                    fields.put(f.name(), cell);
                }
            }
            out.append(r.path("id").asText()).append("  ").append(fields).append('\n');
        }
        return out.isEmpty() ? "no " + table.kind() + " records in this run's base\n" : out.toString();
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
