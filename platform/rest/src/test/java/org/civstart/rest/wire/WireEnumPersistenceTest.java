package org.civstart.rest.wire;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The wire enum convention end to end on a real PostgreSQL: the column holds the wire name (a CHECK
 * constraint allows nothing else), Hibernate validates the mapping against the Flyway schema, reads
 * lean on {@code -} and case, and an unknown value is a 400 naming the field and the valid names.
 */
@QuarkusTest
@WithTestResource(value = RealKafkaAndPostgres.class, initArgs = @ResourceArg(name = "database", value = "platform_rest_test"))
class WireEnumPersistenceTest {

    @Inject
    DataSource dataSource;

    @Test
    void storesAndAnswersTheWireName() throws SQLException {
        String id = given().contentType(ContentType.JSON).body("{\"status\":\"In-Transit\"}")
                .when().post("/parcels")
                .then().statusCode(200).body("status", equalTo("in_transit")).extract().path("id");
        assertThat(column(UUID.fromString(id))).isEqualTo("in_transit");
    }

    @Test
    void readsRowsWrittenInSqlAndQueriesByParameter() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into parcel (id, status, version) values (?, 'pending_review', 0)")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
        given().queryParam("status", "PENDING-REVIEW")
                .when().get("/parcels")
                .then().statusCode(200)
                .body("id", contains(id.toString()))
                .body("status", contains("pending_review"));
    }

    @Test
    void anUnknownValueIsA400NamingTheFieldAndTheValidNames() {
        String expected = "must be one of in_transit, pending_review, delivered";
        given().contentType(ContentType.JSON).body("{\"status\":\"lost\"}")
                .when().post("/parcels")
                .then().statusCode(400).body("fields.status", equalTo(expected));
        given().queryParam("status", "lost")
                .when().get("/parcels")
                .then().statusCode(400).body("fields.status", equalTo(expected));
    }

    private String column(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select status from parcel where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
