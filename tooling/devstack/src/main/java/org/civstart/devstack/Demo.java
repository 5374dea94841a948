package org.civstart.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Demo data for the local stack, created through signal-service's own REST API (so every row
 * also produced its events): three startups with credits, signals in the pool and one assigned.
 * Runs once: a stack that already has startups is left as it is.
 */
final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SIGNALS = "http://localhost:" + LocalStack.SIGNAL;

    private Demo() {}

    static void seed(Keys keys) {
        String admin = keys.admin("demo-seeder", Duration.ofMinutes(10));
        try {
            JsonNode existing = call("GET", "/api/startups?size=50", admin, null);
            if (existing.path("total").asLong() > 0) {
                LocalStack.say("demo data: already there");
                printStartups(existing.path("items"));
                return;
            }
            List<JsonNode> startups = new ArrayList<>();
            startups.add(call(
                    "POST",
                    "/api/startups",
                    admin,
                    Map.of("name", "GovTech Labs", "sectors", List.of("govtech", "ai"), "tier", "growth")));
            startups.add(call(
                    "POST",
                    "/api/startups",
                    admin,
                    Map.of("name", "CivicData", "sectors", List.of("data", "transparency"), "tier", "starter")));
            startups.add(call(
                    "POST",
                    "/api/startups",
                    admin,
                    Map.of("name", "GreenGrid", "sectors", List.of("energy", "climate"), "tier", "enterprise")));
            for (JsonNode s : startups) {
                call(
                        "POST",
                        "/api/startups/" + s.path("id").asText() + "/credits/allocations",
                        admin,
                        Map.of("amount", 100, "reason", "demo allocation"));
            }
            String[][] signals = {
                {"DoD seeks AI triage for field maintenance logs", "ai", "Department of Defense", "30"},
                {"City of Austin open-data portal modernization", "data", "City of Austin", "20"},
                {"DOE grid-resilience pilot for rural co-ops", "energy", "Department of Energy", "40"},
            };
            for (String[] s : signals) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("title", s[0]);
                body.put("summary", "Demo signal: " + s[0]);
                body.put("agency", s[2]);
                body.put("sectors", List.of(s[1]));
                body.put("tags", List.of("demo"));
                body.put("poolCost", Integer.parseInt(s[3]));
                body.put("dueDate", LocalDate.now().plusWeeks(6).toString());
                body.put("status", "pending_review");
                JsonNode signal = call("POST", "/api/signals", admin, body);
                String id = signal.path("id").asText();
                call("POST", "/api/signals/" + id + "/transitions", admin, Map.of("status", "approved"));
                call("POST", "/api/signals/" + id + "/publish", admin, null);
            }
            LocalStack.say("demo data: 3 startups with 100 credits each, 3 signals in the pool");
            printStartups(JSON.valueToTree(startups));
        } catch (Exception e) {
            LocalStack.say("demo data: not seeded (" + e.getMessage() + ")");
        }
    }

    private static void printStartups(JsonNode startups) {
        for (JsonNode s : startups) {
            LocalStack.say(String.format(
                    "  %-14s ./run-local token startup %s",
                    s.path("name").asText(), s.path("id").asText()));
        }
    }

    private static JsonNode call(String method, String path, String token, Object body) throws Exception {
        return call(SIGNALS, method, path, token, body);
    }

    static JsonNode call(String service, String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
