package org.civstart.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.civstart.sync.support.SyncTest;
import org.junit.jupiter.api.Test;

/** The service starts against real Kafka and PostgreSQL: migrated, healthy, measured, documented. */
@SyncTest
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
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("sync-service"))
                .body(containsString("/webhooks/airtable")).body(containsString("/admin/airtable/webhooks"));
    }
}
