package org.civstart.peer.airtable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP peer that speaks Airtable's webhook and records API, for tests:
 * <ul>
 * <li>{@code POST /v0/bases/{base}/webhooks}: creates a webhook, answers id, macSecretBase64, expirationTime;</li>
 * <li>{@code GET /v0/bases/{base}/webhooks/{id}/payloads?cursor=&limit=}: pages of payloads with
 * {@code cursor} and {@code mightHaveMore} (page size adjustable);</li>
 * <li>{@code POST .../refresh}, {@code DELETE .../webhooks/{id}};</li>
 * <li>{@code GET /v0/{base}/{table}?offset=&pageSize=&returnFieldsByFieldId=true}: records paging.</li>
 * </ul>
 * Like Airtable it checks the bearer token and enforces 5 requests per second per base: a request
 * over the limit, or during the pause after a 429, is answered 429 and recorded as a violation.
 * Tests can inject answers (429, 5xx), hold payload requests, and make record changes, each of
 * which becomes one payload of every webhook watching the table. {@link #ping} sends a REAL
 * notification ping, signed with the webhook's secret, to our endpoint.
 */
public final class FakeAirtable implements AutoCloseable {

    public static final String TOKEN = "test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** One request as the peer saw it. */
    public record Request(String method, String path, Map<String, String> query, String baseId, long nanoTime, int status) {
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Base> bases = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> injected = new ConcurrentHashMap<>();
    private volatile int payloadPageSize = 50;
    private volatile Duration webhookLifetime = Duration.ofDays(7);
    private volatile Duration rateLimitPenalty = Duration.ofSeconds(30);
    private volatile Predicate<Map<String, String>> holdPayloadRequest = q -> false;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private volatile URI pingTarget;

    private FakeAirtable(HttpServer server) {
        this.server = server;
    }

    public static FakeAirtable start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
        FakeAirtable peer = new FakeAirtable(server);
        server.createContext("/", peer::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return peer;
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---------------------------------------------------------------- test controls

    /** Where {@link #ping} sends notifications (our endpoint in the test application). */
    public void pingTarget(URI target) {
        this.pingTarget = target;
    }

    public void payloadPageSize(int size) {
        this.payloadPageSize = size;
    }

    /** How long new webhooks (and refreshes) live; Airtable: 7 days. */
    public void webhookLifetime(Duration lifetime) {
        this.webhookLifetime = lifetime;
    }

    /** How long a base is refused after a 429 (Airtable: 30 s); tests use the service's configured pause. */
    public void rateLimitPenalty(Duration penalty) {
        this.rateLimitPenalty = penalty;
    }

    /** The next requests to {@code baseId} get these HTTP statuses instead of an answer (e.g. 429, 503). */
    public void failNext(String baseId, int... statuses) {
        Deque<Integer> q = injected.computeIfAbsent(baseId, b -> new ArrayDeque<>());
        synchronized (q) {
            for (int s : statuses) {
                q.add(s);
            }
        }
    }

    /** Payload requests whose query matches wait until {@link #release()}. */
    public void holdPayloadRequests(Predicate<Map<String, String>> matching) {
        held = new CountDownLatch(1);
        holdPayloadRequest = matching;
    }

    /** How many payload requests are waiting in {@link #holdPayloadRequests}. */
    public int waitingRequests() {
        return waiting.get();
    }

    public void release() {
        holdPayloadRequest = q -> false;
        held.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String baseId) {
        return requests.stream().filter(r -> baseId.equals(r.baseId())).toList();
    }

    /** Requests that broke Airtable's rate limit (more than 5 in a second, or during the pause after a 429). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public static String newBaseId() {
        return "app" + random(14);
    }

    // ---------------------------------------------------------------- the base's data

    /** The webhook as Airtable holds it (what it was created with, how often refreshed). */
    public Hook webhook(String webhookId) {
        return bases.values().stream().map(b -> b.webhooks.get(webhookId)).filter(h -> h != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no webhook " + webhookId));
    }

    /** Airtable forgets the webhook (deleted by someone else, or disabled): its calls answer 404. */
    public void forget(String webhookId) {
        Hook hook = webhook(webhookId);
        base(hook.baseId).webhooks.remove(webhookId);
    }

    /** Whether Airtable still has the webhook. */
    public boolean has(String webhookId) {
        return bases.values().stream().anyMatch(b -> b.webhooks.containsKey(webhookId));
    }

    /** Creates a record: one payload ({@code createdRecordsById}) for every webhook watching the table. */
    public String create(String baseId, String tableId, Map<String, Object> cells) {
        String recordId = "rec" + random(14);
        Instant created = Instant.now();
        ObjectNode values = JSON.valueToTree(cells);
        base(baseId).table(tableId).put(recordId, new StoredRecord(recordId, created, values.deepCopy()));
        ObjectNode rec = JSON.createObjectNode();
        rec.put("createdTime", created.toString());
        rec.set("cellValuesByFieldId", values);
        emit(baseId, tableId, "createdRecordsById", recordId, rec);
        return recordId;
    }

    /** Changes cells: one payload ({@code changedRecordsById} with current and previous). */
    public void update(String baseId, String tableId, String recordId, Map<String, Object> cells) {
        StoredRecord stored = base(baseId).table(tableId).get(recordId);
        ObjectNode current = JSON.valueToTree(cells);
        ObjectNode previous = JSON.createObjectNode();
        current.fieldNames().forEachRemaining(f -> previous.set(f, stored.fields.has(f) ? stored.fields.get(f) : null));
        current.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                stored.fields.remove(e.getKey());
            } else {
                stored.fields.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode change = JSON.createObjectNode();
        change.set("current", JSON.createObjectNode().set("cellValuesByFieldId", current));
        change.set("previous", JSON.createObjectNode().set("cellValuesByFieldId", previous));
        emit(baseId, tableId, "changedRecordsById", recordId, change);
    }

    /** Deletes a record: one payload ({@code destroyedRecordIds}). */
    public void delete(String baseId, String tableId, String recordId) {
        base(baseId).table(tableId).remove(recordId);
        for (Hook hook : watching(baseId, tableId)) {
            ObjectNode payload = payloadFrame(hook);
            ObjectNode table = JSON.createObjectNode();
            table.set("destroyedRecordIds", JSON.createArrayNode().add(recordId));
            payload.set("changedTablesById", JSON.createObjectNode().set(tableId, table));
            hook.payloads.add(payload);
        }
    }

    /** Appends an error payload ({@code "error": true, "code": ...}) to one webhook. */
    public void errorPayload(String webhookId, String code) {
        Hook hook = webhook(webhookId);
        ObjectNode payload = payloadFrame(hook);
        payload.put("error", true);
        payload.put("code", code);
        hook.payloads.add(payload);
    }

    /** Adds records to a table without payloads (data that predates our webhooks, for backfills). */
    public List<String> seed(String baseId, String tableId, int count, java.util.function.IntFunction<Map<String, Object>> cells) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String recordId = "rec" + random(14);
            base(baseId).table(tableId).put(recordId, new StoredRecord(recordId, Instant.now(), JSON.valueToTree(cells.apply(i))));
            ids.add(recordId);
        }
        return ids;
    }

    /** Whether the table holds the record. */
    public boolean has(String baseId, String tableId, String recordId) {
        return base(baseId).table(tableId).containsKey(recordId);
    }

    /** The records of a table as the records API shows them: {@code {id, createdTime, fields}} (fields by field id). */
    public List<JsonNode> records(String baseId, String tableId) {
        List<StoredRecord> all;
        Map<String, StoredRecord> table = base(baseId).table(tableId);
        synchronized (table) {
            all = new ArrayList<>(table.values());
        }
        List<JsonNode> out = new ArrayList<>();
        for (StoredRecord r : all) {
            ObjectNode rec = JSON.createObjectNode();
            rec.put("id", r.id());
            rec.put("createdTime", r.createdTime().toString());
            rec.set("fields", r.fields().deepCopy());
            out.add(rec);
        }
        return out;
    }

    /** Sends a notification ping for the webhook, signed like Airtable does; returns our HTTP status. */
    public int ping(String webhookId) {
        Hook hook = webhook(webhookId);
        String body = "{\"base\":{\"id\":\"" + hook.baseId + "\"},\"webhook\":{\"id\":\"" + hook.id
                + "\"},\"timestamp\":\"" + Instant.now() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(bytes, mac(hook.secret, bytes));
    }

    /** Sends any body with any MAC header (null: no header) to our endpoint; returns the HTTP status. */
    public int send(byte[] body, String macHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(pingTarget).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (macHeader != null) {
            request.header("X-Airtable-Content-MAC", macHeader);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("ping failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code hmac-sha256=<hex>} of HMAC-SHA256(secret, body). */
    public static String mac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "hmac-sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the HTTP side

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String[] parts = path.split("/");
            String baseId = parts.length > 3 && "bases".equals(parts[2]) ? parts[3] : parts.length > 2 ? parts[2] : null;
            long now = System.nanoTime();
            byte[] body = ex.getRequestBody().readAllBytes();
            int status;
            Object answer;
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = Map.of("error", Map.of("type", "AUTHENTICATION_REQUIRED", "message", "token"));
            } else if (baseId != null && (status = rateLimit(baseId, now, ex.getRequestMethod() + " " + path)) != 0) {
                answer = Map.of("errors", List.of(Map.of("error", "RATE_LIMIT_REACHED")));
            } else if (baseId != null && (status = injected(baseId)) != 0) {
                answer = Map.of("error", Map.of("type", status == 429 ? "RATE_LIMIT_REACHED" : "SERVER_ERROR", "message", "injected"));
                if (status == 429) {
                    base(baseId).penaltyUntil = now + rateLimitPenalty.toNanos();
                }
            } else {
                Answer a = route(ex.getRequestMethod(), parts, query, body);
                status = a.status;
                answer = a.body;
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

    private record Answer(int status, Object body) {
    }

    private Answer route(String method, String[] p, Map<String, String> q, byte[] body) throws IOException {
        // p[0]="" p[1]="v0"
        if (p.length == 5 && "bases".equals(p[2]) && "webhooks".equals(p[4]) && "POST".equals(method)) {
            return createWebhook(p[3], JSON.readTree(body));
        }
        if (p.length == 7 && "bases".equals(p[2]) && "payloads".equals(p[6]) && "GET".equals(method)) {
            return payloads(p[3], p[5], q);
        }
        if (p.length == 7 && "bases".equals(p[2]) && "refresh".equals(p[6]) && "POST".equals(method)) {
            Hook hook = base(p[3]).webhooks.get(p[5]);
            if (hook == null) {
                return new Answer(404, Map.of("error", "NOT_FOUND"));
            }
            hook.expiration = Instant.now().plus(webhookLifetime);
            hook.refreshes++;
            return new Answer(200, Map.of("expirationTime", hook.expiration.toString()));
        }
        if (p.length == 6 && "bases".equals(p[2]) && "DELETE".equals(method)) {
            return base(p[3]).webhooks.remove(p[5]) == null ? new Answer(404, Map.of("error", "NOT_FOUND")) : new Answer(204, null);
        }
        if (p.length == 4 && "GET".equals(method)) {
            return records(p[2], p[3], q);
        }
        return new Answer(404, Map.of("error", "NOT_FOUND"));
    }

    private Answer createWebhook(String baseId, JsonNode request) {
        JsonNode filters = request.path("specification").path("options").path("filters");
        if (!request.path("notificationUrl").isTextual() || !filters.path("dataTypes").isArray()) {
            return new Answer(422, Map.of("error", Map.of("type", "INVALID_REQUEST_UNKNOWN", "message", "bad webhook")));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Hook hook = new Hook("ach" + random(14), baseId, secret, request.path("notificationUrl").asText(), request.get("specification"),
                filters.path("recordChangeScope").isTextual() ? filters.path("recordChangeScope").asText() : null);
        hook.expiration = Instant.now().plus(webhookLifetime);
        base(baseId).webhooks.put(hook.id, hook);
        return new Answer(200, Map.of("id", hook.id, "macSecretBase64", Base64.getEncoder().encodeToString(secret),
                "expirationTime", hook.expiration.toString()));
    }

    private Answer payloads(String baseId, String webhookId, Map<String, String> q) {
        Hook hook = base(baseId).webhooks.get(webhookId);
        if (hook == null) {
            return new Answer(404, Map.of("error", "NOT_FOUND"));
        }
        if (holdPayloadRequest.test(q)) {
            waiting.incrementAndGet();
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        }
        int cursor = Integer.parseInt(q.getOrDefault("cursor", "1"));
        int limit = Math.min(Math.min(Integer.parseInt(q.getOrDefault("limit", "50")), 50), payloadPageSize);
        List<ObjectNode> all = hook.payloads;
        int from = Math.max(cursor - 1, 0);
        int to = Math.min(from + limit, all.size());
        ArrayNode page = JSON.createArrayNode();
        for (int i = from; i < to; i++) {
            page.add(all.get(i));
        }
        hook.expiration = Instant.now().plus(webhookLifetime); // listing payloads extends the webhook's life
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("payloads", page);
        answer.put("cursor", Math.max(to, from) + 1);
        answer.put("mightHaveMore", to < all.size());
        return new Answer(200, answer);
    }

    private Answer records(String baseId, String tableId, Map<String, String> q) {
        if (!"true".equals(q.get("returnFieldsByFieldId"))) {
            return new Answer(422, Map.of("error", Map.of("type", "INVALID_REQUEST", "message", "this peer only keys cells by field id")));
        }
        List<StoredRecord> all = new ArrayList<>(base(baseId).table(tableId).values());
        int pageSize = Math.min(Integer.parseInt(q.getOrDefault("pageSize", "100")), 100);
        int from = q.containsKey("offset") ? Integer.parseInt(q.get("offset").substring(3)) : 0;
        int to = Math.min(from + pageSize, all.size());
        ArrayNode records = JSON.createArrayNode();
        for (StoredRecord r : all.subList(from, to)) {
            ObjectNode rec = JSON.createObjectNode();
            rec.put("id", r.id);
            rec.put("createdTime", r.createdTime.toString());
            rec.set("fields", r.fields.deepCopy());
            records.add(rec);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("records", records);
        if (to < all.size()) {
            answer.put("offset", "itr" + to);
        }
        return new Answer(200, answer);
    }

    /** Airtable's limit: 5 requests per second per base, and nothing during the pause after a 429. */
    private int rateLimit(String baseId, long now, String what) {
        Base base = base(baseId);
        synchronized (base) {
            if (now < base.penaltyUntil) {
                violations.add(what + " during the pause after a 429");
                return 429;
            }
            while (!base.arrivals.isEmpty() && now - base.arrivals.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
                base.arrivals.pollFirst();
            }
            if (base.arrivals.size() >= 5) {
                violations.add(what + ": a 6th request within one second");
                base.penaltyUntil = now + rateLimitPenalty.toNanos();
                return 429;
            }
            base.arrivals.addLast(now);
            return 0;
        }
    }

    private int injected(String baseId) {
        Deque<Integer> q = injected.get(baseId);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            Integer s = q.poll();
            return s == null ? 0 : s;
        }
    }

    private void emit(String baseId, String tableId, String kind, String recordId, ObjectNode record) {
        for (Hook hook : watching(baseId, tableId)) {
            ObjectNode payload = payloadFrame(hook);
            ObjectNode table = JSON.createObjectNode();
            table.set(kind, JSON.createObjectNode().set(recordId, record.deepCopy()));
            payload.set("changedTablesById", JSON.createObjectNode().set(tableId, table));
            hook.payloads.add(payload);
        }
    }

    private List<Hook> watching(String baseId, String tableId) {
        return base(baseId).webhooks.values().stream().filter(h -> h.tableId == null || h.tableId.equals(tableId)).toList();
    }

    private ObjectNode payloadFrame(Hook hook) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("timestamp", Instant.now().toString());
        payload.put("baseTransactionNumber", hook.payloads.size() + 100);
        payload.put("payloadFormat", "v0");
        ObjectNode user = JSON.createObjectNode().put("id", "usrTEST").put("email", "staff@civstart.test")
                .put("permissionLevel", "create").put("name", "Staff");
        payload.set("actionMetadata", JSON.createObjectNode().put("source", "client")
                .set("sourceMetadata", JSON.createObjectNode().set("user", user)));
        return payload;
    }

    private Base base(String baseId) {
        return bases.computeIfAbsent(baseId, Base::new);
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

    private static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHANUM.charAt(RANDOM.nextInt(ALPHANUM.length())));
        }
        return sb.toString();
    }

    private static final class Base {
        final String id;
        final Map<String, Hook> webhooks = new ConcurrentHashMap<>();
        final Map<String, Map<String, StoredRecord>> tables = new ConcurrentHashMap<>();
        final Deque<Long> arrivals = new ArrayDeque<>();
        volatile long penaltyUntil = Long.MIN_VALUE;

        Base(String id) {
            this.id = id;
        }

        Map<String, StoredRecord> table(String tableId) {
            return tables.computeIfAbsent(tableId, t -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()));
        }
    }

    /** A webhook as Airtable keeps it. */
    public static final class Hook {
        public final String id;
        public final String baseId;
        public final byte[] secret;
        public final String notificationUrl;
        public final JsonNode specification;
        public final String tableId;
        public volatile Instant expiration;
        public volatile int refreshes;
        final List<ObjectNode> payloads = new CopyOnWriteArrayList<>();

        Hook(String id, String baseId, byte[] secret, String notificationUrl, JsonNode specification, String tableId) {
            this.id = id;
            this.baseId = baseId;
            this.secret = secret;
            this.notificationUrl = notificationUrl;
            this.specification = specification;
            this.tableId = tableId;
        }

        public String macSecretBase64() {
            return Base64.getEncoder().encodeToString(secret);
        }

        public int payloadCount() {
            return payloads.size();
        }
    }

    private record StoredRecord(String id, Instant createdTime, ObjectNode fields) {
    }
}
