package org.civstart.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service with a database promises once it runs on real Kafka and PostgreSQL: ready
 * (database migrated), live with its outbox relay, measured (outbox metrics), documented (OpenAPI).
 * A service's {@code ServiceRunsTest} extends it with its own test resource and checks.
 */
public abstract class RunningServiceContract {

    /** The service's {@code quarkus.application.name}, which titles its OpenAPI document. */
    protected abstract String serviceName();

    @Test
    void healthyWithItsDatabaseMigratedAndTheRelayRunning() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body(containsString("outbox-relay"));
    }

    @Test
    void exposesOutboxMetricsAndOpenApi() {
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("outbox_pending_rows"))
                .body(containsString("outbox_oldest_pending_age_seconds"))
                .body(containsString("outbox_published_total"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString(serviceName()));
    }
}
