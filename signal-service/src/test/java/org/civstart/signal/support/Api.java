package org.civstart.signal.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.Topic;
import org.civstart.testing.Db;
import org.civstart.testing.KafkaLog;
import org.civstart.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST calls as an admin or as a startup user, the fixtures most tests need, and what the service published. */
public final class Api {

    private Api() {}

    /**
     * What this service published through its outbox, for exact event assertions: every topic but
     * airtable-sync (what the tests feed the service) and metrics (dashboard events that follow every
     * change on their own schedule).
     */
    public static KafkaLog published() {
        return KafkaLog.on(Db.application()).without(Topic.AIRTABLE_SYNC, Topic.METRICS);
    }

    public static RequestSpecification admin() {
        return given().contentType(ContentType.JSON).auth().oauth2(TestTokens.admin());
    }

    public static RequestSpecification as(UUID startupId) {
        return given().contentType(ContentType.JSON).auth().oauth2(TestTokens.startup(startupId));
    }

    public static UUID startup(String name, List<String> sectors, String tier) {
        return UUID.fromString(admin().body(Map.of("name", name, "sectors", sectors, "tier", tier))
                .post("/api/startups")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    public static UUID startup() {
        return startup("Startup " + UUID.randomUUID().toString().substring(0, 8), List.of("energy"), "starter");
    }

    public static UUID signal(String title, List<String> sectors, int poolCost) {
        return UUID.fromString(admin().body(Map.of(
                        "title",
                        title,
                        "sectors",
                        sectors,
                        "poolCost",
                        poolCost,
                        "agency",
                        "DOE",
                        "summary",
                        "A summary"))
                .post("/api/signals")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    /** A signal walked through the state machine to {@code status} (draft → pending_review → approved → published). */
    public static UUID signalIn(String status, int poolCost) {
        UUID id = signal("Signal " + UUID.randomUUID().toString().substring(0, 8), List.of("energy"), poolCost);
        for (String step : List.of("pending_review", "approved", "published")) {
            if (status.equals("draft")) {
                break;
            }
            transition(id, step);
            if (step.equals(status)) {
                break;
            }
        }
        return id;
    }

    public static void transition(UUID signalId, String status) {
        admin().body(Map.of("status", status))
                .post("/api/signals/" + signalId + "/transitions")
                .then()
                .statusCode(200);
    }

    public static void allocate(UUID startupId, long amount) {
        admin().body(Map.of("amount", amount, "reason", "test"))
                .post("/api/startups/" + startupId + "/credits/allocations")
                .then()
                .statusCode(201);
    }
}
