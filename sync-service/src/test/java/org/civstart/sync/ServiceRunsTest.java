package org.civstart.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.civstart.sync.support.SyncTest;
import org.civstart.testing.RunningServiceContract;
import org.junit.jupiter.api.Test;

/** The service starts against real Kafka and PostgreSQL: migrated, healthy, measured, documented. */
@SyncTest
class ServiceRunsTest extends RunningServiceContract {

    @Override
    protected String serviceName() {
        return "sync-service";
    }

    @Test
    void documentsThePingEndpointAndWebhookAdministration() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/webhooks/airtable")).body(containsString("/admin/airtable/webhooks"));
    }
}
