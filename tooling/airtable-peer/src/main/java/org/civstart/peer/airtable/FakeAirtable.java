package org.civstart.peer.airtable;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * <p>
 * This class is the peer's API; the parts behind it: {@link HttpFront} (the server, routing, request
 * log), {@link RateLimits}, {@link Webhooks} (the registry and payload logs), {@link Tables} (the
 * records), {@link Pings} (signed notifications).
 */
public final class FakeAirtable implements AutoCloseable {

    public static final String TOKEN = "test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the peer saw it. */
    public record Request(
            String method, String path, Map<String, String> query, String baseId, long nanoTime, int status) {}

    private final Webhooks webhooks = new Webhooks();
    private final Tables tables = new Tables();
    private final RateLimits limits = new RateLimits();
    private final Pings pings = new Pings();
    private final HttpFront http;

    private FakeAirtable() throws IOException {
        http = new HttpFront(webhooks, tables, limits);
    }

    public static FakeAirtable start() throws IOException {
        return new FakeAirtable();
    }

    public String url() {
        return "http://localhost:" + http.port();
    }

    @Override
    public void close() {
        http.close();
    }

    // ---------------------------------------------------------------- test controls

    /** Where {@link #ping} sends notifications (our endpoint in the test application). */
    public void pingTarget(URI target) {
        pings.target(target);
    }

    public void payloadPageSize(int size) {
        webhooks.pageSize(size);
    }

    /** How long new webhooks (and refreshes) live; Airtable: 7 days. */
    public void webhookLifetime(Duration lifetime) {
        webhooks.lifetime(lifetime);
    }

    /** How long a base is refused after a 429 (Airtable: 30 s); tests use the service's configured pause. */
    public void rateLimitPenalty(Duration penalty) {
        limits.penalty(penalty);
    }

    /** The next requests to {@code baseId} get these HTTP statuses instead of an answer (e.g. 429, 503). */
    public void failNext(String baseId, int... statuses) {
        limits.failNext(baseId, statuses);
    }

    /** Payload requests whose query matches wait until {@link #release()}. */
    public void holdPayloadRequests(Predicate<Map<String, String>> matching) {
        webhooks.hold(matching);
    }

    /** How many payload requests are waiting in {@link #holdPayloadRequests}. */
    public int waitingRequests() {
        return webhooks.waiting();
    }

    public void release() {
        webhooks.release();
    }

    public List<Request> requests() {
        return http.requests();
    }

    public List<Request> requests(String baseId) {
        return http.requests().stream().filter(r -> baseId.equals(r.baseId())).toList();
    }

    /** Requests that broke Airtable's rate limit (more than 5 in a second, or during the pause after a 429). */
    public List<String> violations() {
        return limits.violations();
    }

    public static String newBaseId() {
        return Ids.next("app");
    }

    // ---------------------------------------------------------------- the base's data

    /** The webhook as Airtable holds it (what it was created with, how often refreshed). */
    public Hook webhook(String webhookId) {
        return webhooks.get(webhookId);
    }

    /** Airtable forgets the webhook (deleted by someone else, or disabled): its calls answer 404. */
    public void forget(String webhookId) {
        webhooks.forget(webhookId);
    }

    /** Whether Airtable still has the webhook. */
    public boolean has(String webhookId) {
        return webhooks.has(webhookId);
    }

    /** Creates a record: one payload ({@code createdRecordsById}) for every webhook watching the table. */
    public String create(String baseId, String tableId, Map<String, Object> cells) {
        ObjectNode values = JSON.valueToTree(cells);
        Tables.StoredRecord record = tables.create(baseId, tableId, values);
        webhooks.recordCreated(baseId, tableId, record.id(), record.createdTime(), values);
        return record.id();
    }

    /** Changes cells: one payload ({@code changedRecordsById} with current and previous). */
    public void update(String baseId, String tableId, String recordId, Map<String, Object> cells) {
        ObjectNode current = JSON.valueToTree(cells);
        ObjectNode previous = tables.update(baseId, tableId, recordId, current);
        webhooks.recordChanged(baseId, tableId, recordId, current, previous);
    }

    /** Deletes a record: one payload ({@code destroyedRecordIds}). */
    public void delete(String baseId, String tableId, String recordId) {
        tables.delete(baseId, tableId, recordId);
        webhooks.recordDestroyed(baseId, tableId, recordId);
    }

    /** Appends an error payload ({@code "error": true, "code": ...}) to one webhook. */
    public void errorPayload(String webhookId, String code) {
        webhooks.errorPayload(webhookId, code);
    }

    /** Adds records to a table without payloads (data that predates our webhooks, for backfills). */
    public List<String> seed(String baseId, String tableId, int count, IntFunction<Map<String, Object>> cells) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(tables.create(baseId, tableId, JSON.valueToTree(cells.apply(i)))
                    .id());
        }
        return ids;
    }

    /** Whether the table holds the record. */
    public boolean has(String baseId, String tableId, String recordId) {
        return tables.has(baseId, tableId, recordId);
    }

    /** The records of a table as the records API shows them: {@code {id, createdTime, fields}} (fields by field id). */
    public List<JsonNode> records(String baseId, String tableId) {
        return tables.records(baseId, tableId);
    }

    /** Sends a notification ping for the webhook, signed like Airtable does; returns our HTTP status. */
    public int ping(String webhookId) {
        return pings.ping(webhook(webhookId));
    }

    /** Sends any body with any MAC header (null: no header) to our endpoint; returns the HTTP status. */
    public int send(byte[] body, String macHeader) {
        return pings.send(body, macHeader);
    }

    /** {@code hmac-sha256=<hex>} of HMAC-SHA256(secret, body). */
    public static String mac(byte[] secret, byte[] body) {
        return Pings.mac(secret, body);
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
}
