package org.civstart.rest.wire;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.civstart.testing.Db;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The wire enum convention end to end on a real PostgreSQL: the column holds the wire name (a CHECK
 * constraint allows nothing else), Hibernate validates the mapping against the Flyway schema, requests
 * may spell a value with {@code -} and in any case, and an unknown value is a 400 naming the field and the valid names.
 */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "platform_rest_test"))
class WireEnumPersistenceTest {

    private final Db db = Db.application();

    @Test
    void storesAndAnswersTheWireName() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"status\":\"In-Transit\"}")
                .when()
                .post("/parcels")
                .then()
                .statusCode(200)
                .body("status", equalTo("in_transit"))
                .extract()
                .path("id");
        assertThat(db.row("select status from parcel where id = ?", UUID.fromString(id)))
                .containsEntry("status", "in_transit");
    }

    @Test
    void readsRowsWrittenInSqlAndQueriesByParameter() {
        UUID id = UUID.randomUUID();
        db.execute("insert into parcel (id, status, version) values (?, 'pending_review', 0)", id);
        given().queryParam("status", "PENDING-REVIEW")
                .when()
                .get("/parcels")
                .then()
                .statusCode(200)
                .body("id", contains(id.toString()))
                .body("status", contains("pending_review"));
    }

    @Test
    void theOpenApiDocumentListsTheWireNames() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.schemas.ParcelStatus.enum", contains("in_transit", "pending_review", "delivered"));
    }

    @Test
    void anUnknownValueIsA400NamingTheFieldAndTheValidNames() {
        String expected = "must be one of in_transit, pending_review, delivered";
        given().contentType(ContentType.JSON)
                .body("{\"status\":\"lost\"}")
                .when()
                .post("/parcels")
                .then()
                .statusCode(400)
                .body("fields.status", equalTo(expected));
        given().queryParam("status", "lost")
                .when()
                .get("/parcels")
                .then()
                .statusCode(400)
                .body("fields.status", equalTo(expected));
    }
}
