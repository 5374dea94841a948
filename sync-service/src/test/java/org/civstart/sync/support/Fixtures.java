package org.civstart.sync.support;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.testing.PrometheusText;
import org.civstart.testing.TestTokens;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/** Small helpers shared by the tests: register webhooks through our admin API, read our tables, read event payloads. */
public final class Fixtures {

    public static final String ORGANIZATIONS = "tblOrganizations1";
    public static final String CONTACTS = "tblContacts000001";
    public static final String SIGNALS = "tblSignals0000001";
    public static final String STARTUPS = "tblStartups000001";
    public static final String INTERACTIONS = "tblInteractions01";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** Registers a webhook for the table (every table when null) through POST /admin/airtable/webhooks; returns its id. */
    public static String registerWebhook(String baseId, String tableId) {
        String body = tableId == null ? "{\"baseId\":\"" + baseId + "\"}"
                : "{\"baseId\":\"" + baseId + "\",\"tableId\":\"" + tableId + "\"}";
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/admin/airtable/webhooks")
                .then().statusCode(201).extract().path("id");
    }

    public static long count(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long cursor(DataSource ds, String webhookId) {
        return count(ds, "select cursor from airtable_webhook where id = ?", webhookId);
    }

    public static long pings(DataSource ds, String webhookId) {
        return count(ds, "select count(*) from airtable_ping where webhook_id = ?", webhookId);
    }

    /** The value of a Prometheus sample from /q/metrics whose line starts with {@code name} and contains {@code labelFragment}; 0 if absent. */
    public static double metric(String name, String labelFragment) {
        return PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), name, labelFragment);
    }

    /** The event's JSON payload as a map. */
    public static Map<String, Object> data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), new TypeReference<>() {
            });
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

    public static List<ConsumerRecord<String, String>> forKey(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }
}
