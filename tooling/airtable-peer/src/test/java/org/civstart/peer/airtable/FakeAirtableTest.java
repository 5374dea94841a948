package org.civstart.peer.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** The peer over real HTTP, as sync-service sees it: token, webhook API, payload log, records API, rate limit, signed pings. */
class FakeAirtableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "tblTest0000000001";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeAirtable airtable;
    private String base;

    @BeforeEach
    void start() throws IOException {
        airtable = FakeAirtable.start();
        base = FakeAirtable.newBaseId();
    }

    @AfterEach
    void stop() {
        airtable.close();
    }

    @Test
    void refusesRequestsWithoutTheToken() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(airtable.url() + "/v0/" + base + "/" + TABLE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(airtable.requests(base))
                .extracting(FakeAirtable.Request::status)
                .containsExactly(401);
    }

    @Test
    void recordChangesBecomePayloadsOfTheWatchingWebhook() throws Exception {
        JsonNode created = call("POST", "/v0/bases/" + base + "/webhooks", webhookRequest(TABLE));
        String hookId = created.path("id").asText();
        assertThat(airtable.webhook(hookId).macSecretBase64())
                .isEqualTo(created.path("macSecretBase64").asText());
        String other = call("POST", "/v0/bases/" + base + "/webhooks", webhookRequest("tblOther000000001"))
                .path("id")
                .asText();

        String record = airtable.create(base, TABLE, Map.of("fldName", "Boise"));
        airtable.update(base, TABLE, record, Map.of("fldName", "City of Boise"));
        airtable.delete(base, TABLE, record);
        airtable.errorPayload(hookId, "INVALID_FILTERS");
        airtable.payloadPageSize(2);

        JsonNode first = call("GET", "/v0/bases/" + base + "/webhooks/" + hookId + "/payloads?cursor=1", null);
        assertThat(first.path("mightHaveMore").asBoolean()).isTrue();
        JsonNode created1 = first.path("payloads")
                .get(0)
                .path("changedTablesById")
                .path(TABLE)
                .path("createdRecordsById")
                .path(record);
        assertThat(created1.path("cellValuesByFieldId").path("fldName").asText())
                .isEqualTo("Boise");
        JsonNode changed = first.path("payloads")
                .get(1)
                .path("changedTablesById")
                .path(TABLE)
                .path("changedRecordsById")
                .path(record);
        assertThat(changed.path("current")
                        .path("cellValuesByFieldId")
                        .path("fldName")
                        .asText())
                .isEqualTo("City of Boise");
        assertThat(changed.path("previous")
                        .path("cellValuesByFieldId")
                        .path("fldName")
                        .asText())
                .isEqualTo("Boise");

        JsonNode second = call(
                "GET",
                "/v0/bases/" + base + "/webhooks/" + hookId + "/payloads?cursor="
                        + first.path("cursor").asInt(),
                null);
        assertThat(second.path("mightHaveMore").asBoolean()).isFalse();
        assertThat(second.path("payloads")
                        .get(0)
                        .path("changedTablesById")
                        .path(TABLE)
                        .path("destroyedRecordIds")
                        .get(0)
                        .asText())
                .isEqualTo(record);
        assertThat(second.path("payloads").get(1).path("code").asText()).isEqualTo("INVALID_FILTERS");
        assertThat(airtable.webhook(other).payloadCount())
                .as("a webhook of another table")
                .isZero();

        Thread.sleep(1000); // five requests so far: stay within the base's 5 per second
        call("POST", "/v0/bases/" + base + "/webhooks/" + hookId + "/refresh", "{}");
        assertThat(airtable.webhook(hookId).refreshes).isEqualTo(1);
        call("DELETE", "/v0/bases/" + base + "/webhooks/" + hookId, null);
        assertThat(airtable.has(hookId)).isFalse();
    }

    @Test
    void recordsApiPagesByOffset() throws Exception {
        List<String> ids = airtable.seed(base, TABLE, 3, i -> Map.of("fldName", "org " + i));
        JsonNode page = call("GET", "/v0/" + base + "/" + TABLE + "?pageSize=2&returnFieldsByFieldId=true", null);
        assertThat(page.path("records").findValuesAsText("id")).containsExactly(ids.get(0), ids.get(1));
        JsonNode last = call(
                "GET",
                "/v0/" + base + "/" + TABLE + "?pageSize=2&returnFieldsByFieldId=true&offset="
                        + page.path("offset").asText(),
                null);
        assertThat(last.path("records").findValuesAsText("id")).containsExactly(ids.get(2));
        assertThat(last.has("offset")).isFalse();
        assertThat(airtable.records(base, TABLE)).hasSize(3);
    }

    @Test
    void sixthRequestWithinASecondIs429AndAViolation() throws Exception {
        int[] statuses = new int[6];
        for (int i = 0; i < 6; i++) {
            statuses[i] = send("GET", "/v0/" + base + "/" + TABLE + "?returnFieldsByFieldId=true", null)
                    .statusCode();
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(airtable.violations()).hasSize(1);

        String otherBase = FakeAirtable.newBaseId();
        airtable.failNext(otherBase, 503);
        assertThat(send("GET", "/v0/" + otherBase + "/" + TABLE + "?returnFieldsByFieldId=true", null)
                        .statusCode())
                .isEqualTo(503);
        assertThat(send("GET", "/v0/" + otherBase + "/" + TABLE + "?returnFieldsByFieldId=true", null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void pingIsSignedWithTheWebhooksSecret() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/webhooks/airtable", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(ex.getRequestHeaders().getFirst("X-Airtable-Content-MAC") + " " + new String(body));
            received.add(FakeAirtable.mac(Base64.getDecoder().decode(secretOf(body)), body));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        try {
            airtable.pingTarget(
                    URI.create("http://localhost:" + receiver.getAddress().getPort() + "/webhooks/airtable"));
            String hookId = call("POST", "/v0/bases/" + base + "/webhooks", webhookRequest(null))
                    .path("id")
                    .asText();
            assertThat(airtable.ping(hookId)).isEqualTo(200);
            assertThat(received).hasSize(2);
            assertThat(received.get(0))
                    .startsWith(received.get(1) + " ")
                    .contains("\"webhook\":{\"id\":\"" + hookId + "\"}");
        } finally {
            receiver.stop(0);
        }
    }

    private String secretOf(byte[] pingBody) throws IOException {
        return airtable.webhook(
                        JSON.readTree(pingBody).path("webhook").path("id").asText())
                .macSecretBase64();
    }

    private static String webhookRequest(String tableId) {
        String filters =
                "\"dataTypes\":[\"tableData\"]" + (tableId == null ? "" : ",\"recordChangeScope\":\"" + tableId + "\"");
        return "{\"notificationUrl\":\"http://localhost/webhooks/airtable\",\"specification\":{\"options\":{\"filters\":{"
                + filters + "}}}}";
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = send(method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path).isBetween(200, 204);
        return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(airtable.url() + path))
                .header("Authorization", "Bearer " + FakeAirtable.TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
