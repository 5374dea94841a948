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
class AssignmentResponseTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    private UUID assign(UUID startup) {
        UUID signal = Api.signalIn("approved", 0);
        String id = admin().body(Map.of("startupIds", List.of(startup)))
                .post("/api/signals/" + signal + "/assignments")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].id");
        return UUID.fromString(id);
    }

    @Test
    void theStartupViewsAndAnswersAndChangesItsMind() {
        UUID startup = Api.startup();
        UUID assignment = assign(startup);
        var mark = kafka.mark();
        Api.as(startup)
                .post("/api/assignments/" + assignment + "/view")
                .then()
                .statusCode(200)
                .body("status", equalTo("viewed"));
        Api.as(startup).post("/api/assignments/" + assignment + "/view").then().statusCode(200); // again: nothing new
        Api.as(startup)
                .body(Map.of("response", "interested", "note", "Let's talk"))
                .post("/api/assignments/" + assignment + "/response")
                .then()
                .statusCode(200)
                .body("status", equalTo("interested"))
                .body("responseNote", equalTo("Let's talk"))
                .body("respondedAt", notNullValue());
        Api.as(startup)
                .body(Map.of("response", "declined", "note", "Not now"))
                .post("/api/assignments/" + assignment + "/response")
                .then()
                .statusCode(200)
                .body("status", equalTo("declined"));

        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactly("assignment.viewed", "assignment.interested", "assignment.response-changed");
        assertThat(events)
                .allMatch(e -> e.key().equals(assignment.toString())
                        && e.startupId().equals(startup.toString())
                        && e.audience().equals("admin,startup"));
        assertThat(events.get(0).text("previousStatus")).isEqualTo("pending_review");
        assertThat(events.get(1).text("responseNote")).isEqualTo("Let's talk");
        assertThat(events.get(2).text("status")).isEqualTo("declined");
        assertThat(events.get(2).text("previousStatus")).isEqualTo("interested");
        assertThat(db.row("select status, response_note from assignment where id = ?", assignment))
                .containsEntry("status", "declined")
                .containsEntry("response_note", "Not now");
    }

    @Test
    void anotherStartupCanNeitherSeeNorAnswer() {
        UUID owner = Api.startup();
        UUID other = Api.startup();
        UUID assignment = assign(owner);
        var mark = kafka.mark();
        Api.as(other).get("/api/assignments/" + assignment).then().statusCode(403);
        Api.as(other).post("/api/assignments/" + assignment + "/view").then().statusCode(403);
        Api.as(other)
                .body(Map.of("response", "interested"))
                .post("/api/assignments/" + assignment + "/response")
                .then()
                .statusCode(403);
        Api.as(other)
                .queryParam("startupId", owner)
                .get("/api/assignments")
                .then()
                .statusCode(403);
        Api.as(other).get("/api/assignments").then().statusCode(200).body("size()", equalTo(0));
        Api.as(owner)
                .get("/api/assignments")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(assignment.toString()))
                .body("[0].signalIdentifier", notNullValue());
        assertThat(db.row("select status from assignment where id = ?", assignment))
                .containsEntry("status", "pending_review");
        assertThat(kafka.since(mark)).isEmpty();
    }

    @Test
    void badAnswersAreRefusedWithoutEffect() {
        UUID startup = Api.startup();
        UUID assignment = assign(startup);
        var mark = kafka.mark();
        Api.as(startup)
                .body(Map.of("response", "maybe"))
                .post("/api/assignments/" + assignment + "/response")
                .then()
                .statusCode(400)
                .body("fields.response", notNullValue());
        Api.as(startup)
                .body(Map.of("response", "viewed"))
                .post("/api/assignments/" + assignment + "/response")
                .then()
                .statusCode(400)
                .body("fields.response", notNullValue());
        Api.as(startup)
                .body(Map.of())
                .post("/api/assignments/" + assignment + "/response")
                .then()
                .statusCode(400);
        Api.as(startup)
                .body(Map.of("response", "interested", "version", 7))
                .post("/api/assignments/" + assignment + "/response")
                .then()
                .statusCode(409);
        Api.as(startup)
                .post("/api/assignments/" + UUID.randomUUID() + "/view")
                .then()
                .statusCode(404);
        assertThat(db.row("select status from assignment where id = ?", assignment))
                .containsEntry("status", "pending_review");
        assertThat(kafka.since(mark)).isEmpty();
    }
}
