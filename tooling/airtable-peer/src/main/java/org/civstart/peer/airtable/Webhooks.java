package org.civstart.peer.airtable;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.civstart.peer.airtable.FakeAirtable.Hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The webhooks of every base and each one's payload log: a record change becomes one payload of
 * every webhook watching its table; the webhook API creates, refreshes, deletes webhooks and pages
 * through payloads by cursor. Listing payloads or refreshing extends a webhook's life.
 */
final class Webhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, Hook>> bases = new ConcurrentHashMap<>();
    private volatile int pageSize = 50;
    private volatile Duration lifetime = Duration.ofDays(7);
    private volatile Predicate<Map<String, String>> hold = q -> false;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

    void pageSize(int size) {
        this.pageSize = size;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    void hold(Predicate<Map<String, String>> matching) {
        held = new CountDownLatch(1);
        hold = matching;
    }

    int waiting() {
        return waiting.get();
    }

    void release() {
        hold = q -> false;
        held.countDown();
    }

    // ---------------------------------------------------------------- the registry

    Hook get(String webhookId) {
        return bases.values().stream()
                .map(b -> b.get(webhookId))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no webhook " + webhookId));
    }

    void forget(String webhookId) {
        Hook hook = get(webhookId);
        hooks(hook.baseId).remove(webhookId);
    }

    boolean has(String webhookId) {
        return bases.values().stream().anyMatch(b -> b.containsKey(webhookId));
    }

    // ---------------------------------------------------------------- the payload log

    void recordCreated(String baseId, String tableId, String recordId, Instant createdTime, ObjectNode cells) {
        ObjectNode rec = JSON.createObjectNode();
        rec.put("createdTime", createdTime.toString());
        rec.set("cellValuesByFieldId", cells);
        emit(baseId, tableId, "createdRecordsById", JSON.createObjectNode().set(recordId, rec));
    }

    void recordChanged(String baseId, String tableId, String recordId, ObjectNode current, ObjectNode previous) {
        ObjectNode change = JSON.createObjectNode();
        change.set("current", JSON.createObjectNode().set("cellValuesByFieldId", current));
        change.set("previous", JSON.createObjectNode().set("cellValuesByFieldId", previous));
        emit(baseId, tableId, "changedRecordsById", JSON.createObjectNode().set(recordId, change));
    }

    void recordDestroyed(String baseId, String tableId, String recordId) {
        emit(baseId, tableId, "destroyedRecordIds", JSON.createArrayNode().add(recordId));
    }

    void errorPayload(String webhookId, String code) {
        Hook hook = get(webhookId);
        ObjectNode payload = payloadFrame(hook);
        payload.put("error", true);
        payload.put("code", code);
        hook.payloads.add(payload);
    }

    private void emit(String baseId, String tableId, String kind, JsonNode change) {
        for (Hook hook : hooks(baseId).values()) {
            if (hook.tableId == null || hook.tableId.equals(tableId)) {
                ObjectNode payload = payloadFrame(hook);
                ObjectNode table = JSON.createObjectNode();
                table.set(kind, change.deepCopy());
                payload.set("changedTablesById", JSON.createObjectNode().set(tableId, table));
                hook.payloads.add(payload);
            }
        }
    }

    private static ObjectNode payloadFrame(Hook hook) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("timestamp", Instant.now().toString());
        payload.put("baseTransactionNumber", hook.payloads.size() + 100);
        payload.put("payloadFormat", "v0");
        ObjectNode user = JSON.createObjectNode()
                .put("id", "usrTEST")
                .put("email", "staff@civstart.test")
                .put("permissionLevel", "create")
                .put("name", "Staff");
        payload.set(
                "actionMetadata",
                JSON.createObjectNode()
                        .put("source", "client")
                        .set("sourceMetadata", JSON.createObjectNode().set("user", user)));
        return payload;
    }

    // ---------------------------------------------------------------- the webhook API

    /** {@code POST /v0/bases/{base}/webhooks}: id, macSecretBase64, expirationTime. */
    Answer create(String baseId, JsonNode request) {
        JsonNode filters = request.path("specification").path("options").path("filters");
        if (!request.path("notificationUrl").isTextual()
                || !filters.path("dataTypes").isArray()) {
            return Answer.error(422, "INVALID_REQUEST_UNKNOWN", "bad webhook");
        }
        byte[] secret = Ids.secret();
        Hook hook = new Hook(
                Ids.next("ach"),
                baseId,
                secret,
                request.path("notificationUrl").asText(),
                request.get("specification"),
                filters.path("recordChangeScope").isTextual()
                        ? filters.path("recordChangeScope").asText()
                        : null);
        hook.expiration = Instant.now().plus(lifetime);
        hooks(baseId).put(hook.id, hook);
        return Answer.ok(Map.of(
                "id",
                hook.id,
                "macSecretBase64",
                Base64.getEncoder().encodeToString(secret),
                "expirationTime",
                hook.expiration.toString()));
    }

    /** {@code POST .../webhooks/{id}/refresh}: a new expiration time. */
    Answer refresh(String baseId, String webhookId) {
        Hook hook = hooks(baseId).get(webhookId);
        if (hook == null) {
            return Answer.NOT_FOUND;
        }
        hook.expiration = Instant.now().plus(lifetime);
        hook.refreshes++;
        return Answer.ok(Map.of("expirationTime", hook.expiration.toString()));
    }

    /** {@code DELETE .../webhooks/{id}}. */
    Answer delete(String baseId, String webhookId) {
        return hooks(baseId).remove(webhookId) == null ? Answer.NOT_FOUND : new Answer(204, null);
    }

    /** {@code GET .../webhooks/{id}/payloads?cursor=&limit=}: a page, the next cursor, mightHaveMore. */
    Answer payloads(String baseId, String webhookId, Map<String, String> q) {
        Hook hook = hooks(baseId).get(webhookId);
        if (hook == null) {
            return Answer.NOT_FOUND;
        }
        if (hold.test(q)) {
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
        int limit = Math.min(Math.min(Integer.parseInt(q.getOrDefault("limit", "50")), 50), pageSize);
        List<ObjectNode> all = hook.payloads;
        int from = Math.max(cursor - 1, 0);
        int to = Math.min(from + limit, all.size());
        ArrayNode page = JSON.createArrayNode();
        for (int i = from; i < to; i++) {
            page.add(all.get(i));
        }
        hook.expiration = Instant.now().plus(lifetime);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("payloads", page);
        answer.put("cursor", Math.max(to, from) + 1);
        answer.put("mightHaveMore", to < all.size());
        return Answer.ok(answer);
    }

    private Map<String, Hook> hooks(String baseId) {
        return bases.computeIfAbsent(baseId, b -> new ConcurrentHashMap<>());
    }
}
