package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The service starts against real Kafka and PostgreSQL: migrated, healthy, measured, documented. */
@QuarkusTest
@RealPeers
class ServiceRunsTest {

    @Test
    void healthyWithItsDatabaseMigratedAndTheRelayRunning() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200)
                .body(containsString("outbox-relay"));
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("outbox_pending_rows"))
                .body(containsString("outbox_published_total"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("notification-service"));
    }
}
