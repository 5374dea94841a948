package org.civstart.sync.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.testing.PrometheusText;
import org.civstart.testing.TestTokens;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/** Small helpers shared by the tests: the mapped tables, webhooks registered through our admin API, metrics, event payloads. */
public final class Fixtures {

    public static final String ORGANIZATIONS = "tblOrganizations1";
    public static final String CONTACTS = "tblContacts000001";
    public static final String SIGNALS = "tblSignals0000001";
    public static final String STARTUPS = "tblStartups000001";
    public static final String INTERACTIONS = "tblInteractions01";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** Registers a webhook for the table (every table when null) through POST /admin/airtable/webhooks; returns its id. */
    public static String registerWebhook(String baseId, String tableId) {
        String body = tableId == null
                ? "{\"baseId\":\"" + baseId + "\"}"
                : "{\"baseId\":\"" + baseId + "\",\"tableId\":\"" + tableId + "\"}";
        return given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/admin/airtable/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The value of a Prometheus sample from /q/metrics whose line starts with {@code name} and contains {@code labelFragment}; 0 if absent. */
    public static double metric(String name, String labelFragment) {
        return PrometheusText.sum(
                given().when()
                        .get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                name,
                labelFragment);
    }

    /** The event's JSON payload as a map. */
    public static Map<String, Object> data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(ConsumerRecord<String, String> record) {
        return (Map<String, Object>) data(record).get("fields");
    }

    public static String type(ConsumerRecord<String, String> record) {
        return CloudEvent.header(record.headers(), CloudEvent.TYPE);
    }

    public static List<ConsumerRecord<String, String>> forKey(
            List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }
}
