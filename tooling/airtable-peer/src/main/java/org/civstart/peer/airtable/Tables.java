package org.civstart.peer.airtable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The records of every base's tables (cells keyed by field id, in insertion order), and the records API's pages. */
final class Tables {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record as the base holds it. */
    record StoredRecord(String id, Instant createdTime, ObjectNode fields) {

        /** {@code {id, createdTime, fields}}, as the records API shows it. */
        ObjectNode json() {
            ObjectNode rec = JSON.createObjectNode();
            rec.put("id", id);
            rec.put("createdTime", createdTime.toString());
            rec.set("fields", fields.deepCopy());
            return rec;
        }
    }

    private final Map<String, Map<String, Map<String, StoredRecord>>> bases = new ConcurrentHashMap<>();

    StoredRecord create(String baseId, String tableId, ObjectNode cells) {
        StoredRecord record = new StoredRecord(Ids.next("rec"), Instant.now(), cells.deepCopy());
        table(baseId, tableId).put(record.id(), record);
        return record;
    }

    /** Applies the changed cells (a null cell clears the field); returns the previous values of those cells. */
    ObjectNode update(String baseId, String tableId, String recordId, ObjectNode cells) {
        StoredRecord stored = table(baseId, tableId).get(recordId);
        ObjectNode previous = JSON.createObjectNode();
        cells.fieldNames()
                .forEachRemaining(f ->
                        previous.set(f, stored.fields().has(f) ? stored.fields().get(f) : null));
        cells.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                stored.fields().remove(e.getKey());
            } else {
                stored.fields().set(e.getKey(), e.getValue());
            }
        });
        return previous;
    }

    void delete(String baseId, String tableId, String recordId) {
        table(baseId, tableId).remove(recordId);
    }

    boolean has(String baseId, String tableId, String recordId) {
        return table(baseId, tableId).containsKey(recordId);
    }

    List<JsonNode> records(String baseId, String tableId) {
        Map<String, StoredRecord> table = table(baseId, tableId);
        List<StoredRecord> all;
        synchronized (table) {
            all = new ArrayList<>(table.values());
        }
        return all.stream().<JsonNode>map(StoredRecord::json).toList();
    }

    /** {@code GET /v0/{base}/{table}?offset=&pageSize=&returnFieldsByFieldId=true}: a page and the next offset. */
    Answer page(String baseId, String tableId, Map<String, String> q) {
        if (!"true".equals(q.get("returnFieldsByFieldId"))) {
            return Answer.error(422, "INVALID_REQUEST", "this peer only keys cells by field id");
        }
        List<StoredRecord> all = new ArrayList<>(table(baseId, tableId).values());
        int pageSize = Math.min(Integer.parseInt(q.getOrDefault("pageSize", "100")), 100);
        int from = q.containsKey("offset") ? Integer.parseInt(q.get("offset").substring(3)) : 0;
        int to = Math.min(from + pageSize, all.size());
        ArrayNode records = JSON.createArrayNode();
        all.subList(from, to).forEach(r -> records.add(r.json()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("records", records);
        if (to < all.size()) {
            answer.put("offset", "itr" + to);
        }
        return Answer.ok(answer);
    }

    private Map<String, StoredRecord> table(String baseId, String tableId) {
        return bases.computeIfAbsent(baseId, b -> new ConcurrentHashMap<>())
                .computeIfAbsent(tableId, t -> Collections.synchronizedMap(new LinkedHashMap<>()));
    }
}
