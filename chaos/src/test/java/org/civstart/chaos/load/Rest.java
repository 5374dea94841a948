package org.civstart.chaos.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON calls a scenario makes to set itself up (startups), retried while a service is still starting. */
public final class Rest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Rest() {}

    public static JsonNode post(String url, String token, Object body) {
        Exception last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return JSON.readTree(r.body());
                }
                last = new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
                if (r.statusCode() / 100 == 4) {
                    break;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("POST " + url + " failed", last);
    }

    /** Creates {@code n} startups (balance 0) through signal-service and returns their ids. */
    public static List<UUID> startups(String signalUrl, String adminToken, String scenario, int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode s = post(
                    signalUrl + "/api/startups",
                    adminToken,
                    Map.of("name", "Chaos " + scenario + " " + i, "sectors", List.of("chaos"), "tier", "starter"));
            ids.add(UUID.fromString(s.path("id").asText()));
        }
        return ids;
    }
}
