package org.civstart.signal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.civstart.testing.RealKafkaAndPostgres;
import org.civstart.testing.RunningServiceContract;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service starts against real Kafka and PostgreSQL: migrated, healthy, measured, documented. */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class ServiceRunsTest extends RunningServiceContract {

    @Override
    protected String serviceName() {
        return "signal-service";
    }

    @Test
    void documentsItsOperationsInOpenApiAndSwaggerUi() {
        given().when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/signals/{id}/transitions"))
                .body(containsString("/api/pool-requests/{id}/approve"))
                .body(containsString("/api/startups/{id}/credits/ledger"))
                .body(containsString("SecurityScheme"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void refusesMissingExpiredAndForgedTokens() {
        given().when().get("/api/signals").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.expiredAdmin())
                .when()
                .get("/api/signals")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.forgedAdmin())
                .when()
                .get("/api/signals")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.admin())
                .when()
                .get("/api/signals")
                .then()
                .statusCode(200);
    }
}
