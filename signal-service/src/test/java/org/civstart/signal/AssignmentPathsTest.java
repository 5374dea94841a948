package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.signal.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.signal.support.Api;
import org.civstart.testing.Db;
import org.civstart.testing.KafkaLog;
import org.civstart.testing.KafkaLog.Ev;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The four paths that give a signal to startups all run AssignmentService.assign, so each emits,
 * per startup, signal.assigned (to that startup) and assignment.created, plus the status events
 * when the signal's status moves. One test per path.
 */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class AssignmentPathsTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    @Test
    void path1AdminAssignsSeveralStartups() {
        UUID signal = Api.signalIn("approved", 0);
        UUID a = Api.startup();
        UUID b = Api.startup();
        var mark = kafka.mark();
        admin().body(Map.of("startupIds", List.of(a, b), "dueDate", "2031-05-01"))
                .post("/api/signals/" + signal + "/assignments")
                .then()
                .statusCode(201)
                .body("size()", equalTo(2))
                .body("[0].status", equalTo("pending_review"))
                .body("[0].assignmentType", equalTo("direct"))
                .body("[0].dueDate", equalTo("2031-05-01"));

        List<Ev> events = kafka.since(mark);
        assertAssigned(events, signal, List.of(a, b), "direct");
        assertStatusMoved(events, signal, "approved", "assigned");
        assertThat(events).hasSize(2 * 2 + 2);
        assertThat(db.row("select status from signal where id = ?", signal)).containsEntry("status", "assigned");
    }

    @Test
    void path2TransitionToAssignedWithAStartupList() {
        UUID signal = Api.signalIn("published", 0);
        UUID a = Api.startup();
        var mark = kafka.mark();
        admin().body(Map.of("status", "assigned", "startupIds", List.of(a)))
                .post("/api/signals/" + signal + "/transitions")
                .then()
                .statusCode(200)
                .body("status", equalTo("assigned"));

        List<Ev> events = kafka.since(mark);
        assertAssigned(events, signal, List.of(a), "direct");
        assertStatusMoved(events, signal, "published", "assigned");
        // it was in the pool: every startup learns it left
        assertThat(KafkaLog.of(events, EventType.SIGNAL_REMOVED))
                .singleElement()
                .satisfies(e -> assertThat(e.audience()).isEqualTo("admin,startups"));
        assertThat(events).hasSize(2 + 3);
    }

    @Test
    void path3PoolRequestApprovedAssignsAndDeductsAtomically() {
        UUID signal = Api.signalIn("published", 3);
        UUID a = Api.startup();
        Api.allocate(a, 5);
        String request = Api.as(a)
                .body(Map.of("signalId", signal, "message", "we fit"))
                .post("/api/pool-requests")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"))
                .body("creditCost", equalTo(3))
                .extract()
                .path("id");
        var mark = kafka.mark();
        admin().body(Map.of("note", "go"))
                .post("/api/pool-requests/" + request + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"))
                .body("assignmentId", notNullValue());

        List<Ev> events = kafka.since(mark);
        assertAssigned(events, signal, List.of(a), "pool");
        assertThat(KafkaLog.of(events, EventType.CREDITS_DEDUCTED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.startupId()).isEqualTo(a.toString());
                    assertThat(e.data().get("balance").asLong()).isEqualTo(2);
                    assertThat(e.data().get("delta").asLong()).isEqualTo(-3);
                });
        assertThat(KafkaLog.of(events, EventType.CREDITS_UPDATED))
                .singleElement()
                .satisfies(e -> assertThat(e.data().get("balance").asLong()).isEqualTo(2));
        assertThat(KafkaLog.of(events, EventType.POOL_REQUEST_APPROVED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.key()).isEqualTo(request);
                    assertThat(e.startupId()).isEqualTo(a.toString());
                    assertThat(e.audience()).isEqualTo("admin,startup");
                    assertThat(e.text("status")).isEqualTo("approved");
                    assertThat(e.text("assignmentId"))
                            .isEqualTo(assignmentId(signal, a).toString());
                });
        // a pool signal stays in the pool for the others: no status events
        assertThat(events).hasSize(2 + 3);
        assertThat(db.row("select status from signal where id = ?", signal)).containsEntry("status", "published");
    }

    @Test
    void path4BatchAssignmentOfManySignals() {
        UUID s1 = Api.signalIn("approved", 0);
        UUID s2 = Api.signalIn("approved", 0);
        UUID a = Api.startup();
        UUID b = Api.startup();
        var mark = kafka.mark();
        admin().body(Map.of("signalIds", List.of(s1, s2), "startupIds", List.of(a, b)))
                .post("/api/signals/batch-assignments")
                .then()
                .statusCode(201)
                .body("size()", equalTo(4));

        List<Ev> events = kafka.since(mark);
        assertAssigned(events, s1, List.of(a, b), "direct");
        assertAssigned(events, s2, List.of(a, b), "direct");
        assertStatusMoved(events, s1, "approved", "assigned");
        assertStatusMoved(events, s2, "approved", "assigned");
        assertThat(events).hasSize(2 * (2 * 2 + 2));
    }

    @Test
    void aDuplicateMakesTheWholeCall409AndLeavesNothing() {
        UUID s1 = Api.signalIn("approved", 0);
        UUID s2 = Api.signalIn("approved", 0);
        UUID a = Api.startup();
        UUID b = Api.startup();
        admin().body(Map.of("startupIds", List.of(a)))
                .post("/api/signals/" + s2 + "/assignments")
                .then()
                .statusCode(201);
        UUID draft = Api.signalIn("draft", 0);
        long before = db.count("select count(*) from assignment");
        var mark = kafka.mark();
        admin().body(Map.of("startupIds", List.of(b, a)))
                .post("/api/signals/" + s2 + "/assignments")
                .then()
                .statusCode(409);
        admin().body(Map.of("signalIds", List.of(s1, s2), "startupIds", List.of(b, a)))
                .post("/api/signals/batch-assignments")
                .then()
                .statusCode(409);
        admin().body(Map.of("startupIds", List.of(b, UUID.randomUUID())))
                .post("/api/signals/" + s1 + "/assignments")
                .then()
                .statusCode(404);
        admin().body(Map.of("startupIds", List.of()))
                .post("/api/signals/" + s1 + "/assignments")
                .then()
                .statusCode(400)
                .body("fields.startupIds", notNullValue());
        admin().body(Map.of("startupIds", List.of(b)))
                .post("/api/signals/" + draft + "/assignments")
                .then()
                .statusCode(409);
        Api.as(b)
                .body(Map.of("startupIds", List.of(b)))
                .post("/api/signals/" + s1 + "/assignments")
                .then()
                .statusCode(403);

        assertThat(db.count("select count(*) from assignment")).isEqualTo(before);
        assertThat(db.row("select status from signal where id = ?", s1)).containsEntry("status", "approved");
        assertThat(kafka.since(mark)).isEmpty();
    }

    /** Per startup: one signal.assigned (to that startup) and one assignment.created, matching the stored assignment. */
    private void assertAssigned(List<Ev> events, UUID signal, List<UUID> startups, String type) {
        String identifier = (String) db.row("select signal_identifier from signal where id = ?", signal)
                .get("signal_identifier");
        for (UUID startup : startups) {
            UUID assignment = assignmentId(signal, startup);
            assertThat(db.row("select assignment_type, status from assignment where id = ?", assignment))
                    .containsEntry("assignment_type", type)
                    .containsEntry("status", "pending_review");
            assertThat(KafkaLog.where(
                            events,
                            e -> e.is(EventType.SIGNAL_ASSIGNED)
                                    && startup.toString().equals(e.startupId())
                                    && e.key().equals(signal.toString())))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.audience()).isEqualTo("admin,startup");
                        assertThat(e.topic()).isEqualTo("signals");
                        assertThat(e.text("signalId")).isEqualTo(signal.toString());
                        assertThat(e.text("signalIdentifier")).isEqualTo(identifier);
                        assertThat(e.text("startupId")).isEqualTo(startup.toString());
                        assertThat(e.text("assignmentId")).isEqualTo(assignment.toString());
                        assertThat(e.text("assignmentType")).isEqualTo(type);
                    });
            assertThat(KafkaLog.where(
                            events,
                            e -> e.is(EventType.ASSIGNMENT_CREATED) && e.key().equals(assignment.toString())))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.startupId()).isEqualTo(startup.toString());
                        assertThat(e.audience()).isEqualTo("admin,startup");
                        assertThat(e.topic()).isEqualTo("assignments");
                        assertThat(e.text("signalIdentifier")).isEqualTo(identifier);
                        assertThat(e.text("status")).isEqualTo("pending_review");
                        assertThat(e.text("assignmentType")).isEqualTo(type);
                    });
        }
    }

    private static void assertStatusMoved(List<Ev> events, UUID signal, String from, String to) {
        assertThat(KafkaLog.where(
                        events,
                        e -> e.is(EventType.SIGNAL_STATUS_CHANGED) && e.key().equals(signal.toString())))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.text("status")).isEqualTo(to);
                    assertThat(e.text("previousStatus")).isEqualTo(from);
                });
        assertThat(KafkaLog.where(
                        events, e -> e.is(EventType.SIGNAL_UPDATED) && e.key().equals(signal.toString())))
                .singleElement()
                .satisfies(e -> assertThat(e.text("status")).isEqualTo(to));
    }

    private UUID assignmentId(UUID signal, UUID startup) {
        return (UUID) db.row("select id from assignment where signal_id = ? and startup_id = ?", signal, startup)
                .get("id");
    }
}
