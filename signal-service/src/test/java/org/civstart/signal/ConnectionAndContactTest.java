package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.signal.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.signal.support.Api;
import org.civstart.testing.Db;
import org.civstart.testing.KafkaLog;
import org.civstart.testing.KafkaLog.Ev;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class ConnectionAndContactTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    @Test
    void connectionRequestLifecycle() {
        UUID startup = Api.startup();
        var mark = kafka.mark();
        String id = Api.as(startup)
                .body(Map.of(
                        "targetType",
                        "organization",
                        "targetId",
                        "recORG123",
                        "targetName",
                        "DARPA",
                        "note",
                        "intro please"))
                .post("/api/connections")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"))
                .extract()
                .path("id");
        Api.as(startup)
                .body(Map.of("note", "intro please, soon"))
                .patch("/api/connections/" + id)
                .then()
                .statusCode(200);
        admin().body(Map.of("status", "approved"))
                .post("/api/connections/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"));
        admin().body(Map.of("status", "completed"))
                .post("/api/connections/" + id + "/status")
                .then()
                .statusCode(200);

        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactly(
                        "connection.created",
                        "connection.updated",
                        "connection.status-changed",
                        "connection.status-changed");
        assertThat(events)
                .allMatch(e -> e.key().equals(id)
                        && e.startupId().equals(startup.toString())
                        && e.audience().equals("admin,startup")
                        && e.topic().equals("connections"));
        assertThat(events.get(0).text("targetName")).isEqualTo("DARPA");
        assertThat(events.get(1).text("note")).isEqualTo("intro please, soon");
        assertThat(events.get(2).text("status")).isEqualTo("approved");
        assertThat(events.get(2).text("previousStatus")).isEqualTo("pending");
        assertThat(events.get(3).text("status")).isEqualTo("completed");
    }

    @Test
    void connectionRefusals() {
        UUID startup = Api.startup();
        UUID other = Api.startup();
        String id = Api.as(startup)
                .body(Map.of("targetType", "contact", "targetId", "recC1"))
                .post("/api/connections")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var mark = kafka.mark();
        admin().body(Map.of("status", "completed"))
                .post("/api/connections/" + id + "/status")
                .then()
                .statusCode(409);
        admin().body(Map.of("status", "lost"))
                .post("/api/connections/" + id + "/status")
                .then()
                .statusCode(400)
                .body("fields.status", notNullValue());
        Api.as(startup)
                .body(Map.of("status", "approved"))
                .post("/api/connections/" + id + "/status")
                .then()
                .statusCode(403);
        Api.as(other).get("/api/connections/" + id).then().statusCode(403);
        Api.as(other)
                .body(Map.of("note", "hijack"))
                .patch("/api/connections/" + id)
                .then()
                .statusCode(403);
        Api.as(startup)
                .body(Map.of("targetType", "planet", "targetId", "x"))
                .post("/api/connections")
                .then()
                .statusCode(400)
                .body("fields.targetType", notNullValue());
        Api.as(startup)
                .body(Map.of("targetType", "contact"))
                .post("/api/connections")
                .then()
                .statusCode(400)
                .body("fields.targetId", notNullValue());
        admin().get("/api/connections/" + UUID.randomUUID()).then().statusCode(404);
        assertThat(db.row("select status, note from connection_request where id = ?", UUID.fromString(id)))
                .containsEntry("status", "pending")
                .containsEntry("note", null);
        assertThat(kafka.since(mark)).isEmpty();
    }

    @Test
    void contactRequestLifecycleAndRefusals() {
        UUID startup = Api.startup();
        UUID other = Api.startup();
        var mark = kafka.mark();
        String id = Api.as(startup)
                .body(Map.of("contactName", "Jane Doe", "organizationName", "DOE", "message", "Grid work"))
                .post("/api/contact-requests")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"))
                .extract()
                .path("id");
        admin().body(Map.of("status", "in_progress"))
                .patch("/api/contact-requests/" + id)
                .then()
                .statusCode(200);
        admin().body(Map.of("status", "completed"))
                .patch("/api/contact-requests/" + id)
                .then()
                .statusCode(200);

        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactly("contact-request.created", "contact-request.updated", "contact-request.updated");
        assertThat(events)
                .allMatch(e -> e.key().equals(id)
                        && e.startupId().equals(startup.toString())
                        && e.audience().equals("admin,startup")
                        && e.topic().equals("contact-requests"));
        assertThat(events.get(0).text("contactName")).isEqualTo("Jane Doe");
        assertThat(events.get(2).text("status")).isEqualTo("completed");
        assertThat(events.get(2).text("previousStatus")).isEqualTo("in_progress");

        var mark2 = kafka.mark();
        admin().body(Map.of("status", "pending"))
                .patch("/api/contact-requests/" + id)
                .then()
                .statusCode(409);
        Api.as(startup)
                .body(Map.of("status", "declined"))
                .patch("/api/contact-requests/" + id)
                .then()
                .statusCode(403);
        Api.as(other).get("/api/contact-requests/" + id).then().statusCode(403);
        Api.as(other).get("/api/contact-requests").then().statusCode(200).body("size()", equalTo(0));
        Api.as(startup)
                .body(Map.of("contactName", " "))
                .post("/api/contact-requests")
                .then()
                .statusCode(400)
                .body("fields.contactName", notNullValue());
        assertThat(db.row("select status from contact_request where id = ?", UUID.fromString(id)))
                .containsEntry("status", "completed");
        assertThat(kafka.since(mark2)).isEmpty();
    }
}
