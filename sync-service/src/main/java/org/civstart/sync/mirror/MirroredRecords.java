package org.civstart.sync.mirror;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.civstart.sync.domain.MirroredRecord;
import org.civstart.sync.mapping.FieldType;
import org.civstart.sync.mapping.Kind;

/**
 * Reads the mirror: what the organizations page (and any page that refetches after
 * {@code system:resyncRequired}) loads. Filters combine with "and"; text search looks at every
 * field's value; a field filter matches a list field that contains the value, any other field that
 * equals it. Newest change first.
 */
@ApplicationScoped
public class MirroredRecords {

    /** What to read: one kind, optionally narrowed. {@code fieldFilters} are our field names → value. */
    public record Search(
            Kind kind,
            String text,
            Instant updatedSince,
            String baseId,
            String tableId,
            Map<String, String> fieldFilters,
            int page,
            int size) {}

    public record Result(List<MirroredRecord> records, long total) {}

    @Inject
    EntityManager em;

    public Result find(Search q) {
        StringBuilder where = new StringBuilder("kind = :kind");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kind", q.kind().wireName());
        if (q.baseId() != null) {
            where.append(" and base_id = :baseId");
            params.put("baseId", q.baseId());
        }
        if (q.tableId() != null) {
            where.append(" and table_id = :tableId");
            params.put("tableId", q.tableId());
        }
        if (q.updatedSince() != null) {
            where.append(" and updated_at >= :updatedSince");
            params.put("updatedSince", q.updatedSince());
        }
        if (q.text() != null && !q.text().isBlank()) {
            where.append(" and exists (select 1 from jsonb_each_text(fields) e where e.value ilike :text)");
            params.put(
                    "text",
                    "%"
                            + q.text()
                                    .trim()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        int n = 0;
        for (Map.Entry<String, String> f : q.fieldFilters().entrySet()) {
            String name = "f" + n, value = "v" + n++;
            if (q.kind().fields().get(f.getKey()) == FieldType.LIST_OF_STRINGS) {
                where.append(" and (fields -> :")
                        .append(name)
                        .append(") @> jsonb_build_array(cast(:")
                        .append(value)
                        .append(" as text))");
            } else {
                where.append(" and (fields ->> :").append(name).append(") = :").append(value);
            }
            params.put(name, f.getKey());
            params.put(value, f.getValue());
        }
        Query list = em.createNativeQuery(
                "select * from airtable_record where " + where
                        + " order by updated_at desc, record_id limit :limit offset :offset",
                MirroredRecord.class);
        Query count = em.createNativeQuery("select count(*) from airtable_record where " + where);
        params.forEach((k, v) -> {
            list.setParameter(k, v);
            count.setParameter(k, v);
        });
        list.setParameter("limit", q.size());
        list.setParameter("offset", (long) q.page() * q.size());
        @SuppressWarnings("unchecked")
        List<MirroredRecord> records = new ArrayList<>(list.getResultList());
        return new Result(records, ((Number) count.getSingleResult()).longValue());
    }

    /** One record of a kind (404 if we mirror no such record of that kind). */
    public MirroredRecord get(Kind kind, String recordId) {
        return MirroredRecord.require(kind, recordId);
    }
}
