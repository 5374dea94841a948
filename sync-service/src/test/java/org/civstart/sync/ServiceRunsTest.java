package org.civstart.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.civstart.sync.support.SyncTest;
import org.civstart.testing.RunningServiceContract;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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
        given().when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/webhooks/airtable"))
                .body(containsString("/admin/airtable/webhooks"));
    }

    /**
     * SyncConfig's defaults are the only ones written: the expressions that name a setting (the
     * schedulers' intervals, the Airtable client's {@code Authorization} header) see them as any
     * reader of the configuration does.
     */
    @Test
    void settingsWithoutAValueHaveSyncConfigsDefaults() {
        Config config = ConfigProvider.getConfig();
        assertThat(config.getValue("civstart.sync.airtable.notification-url", String.class))
                .isEqualTo("http://localhost:8083/webhooks/airtable");
        assertThat(config.getValue("civstart.sync.airtable.refresh.ahead", String.class))
                .isEqualTo("48h");
        assertThat(config.getValue("civstart.sync.airtable.refresh.every", String.class))
                .as("the test profile's own")
                .isEqualTo("1s");
    }
}
