package org.civstart.sync.airtable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Airtable's JSON, as records. Unknown keys are ignored: Airtable adds keys to its responses
 * without notice ("not a breaking change").
 */
public final class AirtableDtos {

    private AirtableDtos() {}

    /** {@code POST /v0/bases/{baseId}/webhooks} body. */
    public record CreateWebhook(String notificationUrl, Specification specification) {}

    public record Specification(Options options) {
        /** Record and cell changes of one table, or of the whole base when {@code tableId} is null. */
        public static Specification tableData(String tableId) {
            return new Specification(new Options(new Filters(List.of("tableData"), tableId)));
        }
    }

    public record Options(Filters filters) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filters(List<String> dataTypes, String recordChangeScope) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreatedWebhook(String id, String macSecretBase64, Instant expirationTime) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RefreshedWebhook(Instant expirationTime) {}

    /**
     * One page of payloads. {@code cursor} is the number of the payload after the last one
     * returned, so payload {@code i} of {@code n} has number {@code cursor - n + i}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PayloadPage(long cursor, boolean mightHaveMore, List<Payload> payloads) {
        public List<Payload> payloads() {
            return payloads == null ? List.of() : payloads;
        }
    }

    /** One Airtable transaction's changes, or an error payload ({@code error: true}, {@code code}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Payload(
            Instant timestamp,
            Long baseTransactionNumber,
            String payloadFormat,
            Boolean error,
            String code,
            Map<String, TableChanges> changedTablesById) {
        public boolean isError() {
            return Boolean.TRUE.equals(error);
        }

        public Map<String, TableChanges> changedTablesById() {
            return changedTablesById == null ? Map.of() : changedTablesById;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TableChanges(
            Map<String, CreatedRecord> createdRecordsById,
            Map<String, ChangedRecord> changedRecordsById,
            List<String> destroyedRecordIds) {
        public Map<String, CreatedRecord> createdRecordsById() {
            return createdRecordsById == null ? Map.of() : createdRecordsById;
        }

        public Map<String, ChangedRecord> changedRecordsById() {
            return changedRecordsById == null ? Map.of() : changedRecordsById;
        }

        public List<String> destroyedRecordIds() {
            return destroyedRecordIds == null ? List.of() : destroyedRecordIds;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreatedRecord(Instant createdTime, Map<String, JsonNode> cellValuesByFieldId) {}

    /** {@code current} holds the changed cells; {@code previous} (if included) their old values. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChangedRecord(Cells current, Cells previous) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cells(Map<String, JsonNode> cellValuesByFieldId) {}

    /** {@code GET /v0/{baseId}/{table}}: a page of records, and the offset of the next page (null on the last). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordPage(List<AirtableRecord> records, String offset) {
        public List<AirtableRecord> records() {
            return records == null ? List.of() : records;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AirtableRecord(String id, Instant createdTime, Map<String, JsonNode> fields) {}
}
