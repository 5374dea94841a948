package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.signal.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class PoolRequestTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    private static String request(UUID startup, UUID signal) {
        return Api.as(startup)
                .body(Map.of("signalId", signal))
                .post("/api/pool-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aStartupRequestsAPoolSignalAndAnAdminRejects() {
        UUID startup = Api.startup();
        UUID signal = Api.signalIn("published", 0);
        var mark = kafka.mark();
        String id = Api.as(startup)
                .body(Map.of("signalId", signal, "message", "please"))
                .post("/api/pool-requests")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"))
                .body("startupId", equalTo(startup.toString()))
                .extract()
                .path("id");
        admin().body(Map.of("note", "not a fit"))
                .post("/api/pool-requests/" + id + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"));
        admin().post("/api/pool-requests/" + id + "/reject").then().statusCode(409);
        admin().post("/api/pool-requests/" + id + "/approve").then().statusCode(409);

        List<Ev> events = kafka.since(mark);
        assertThat(events).extracting(Ev::type).containsExactly("pool-request.created", "pool-request.rejected");
        assertThat(events)
                .allMatch(e -> e.key().equals(id)
                        && e.startupId().equals(startup.toString())
                        && e.audience().equals("admin,startup")
                        && e.topic().equals("assignments"));
        assertThat(events.get(0).text("signalIdentifier")).startsWith("SIG-");
        assertThat(events.get(1).text("status")).isEqualTo("rejected");
        assertThat(events.get(1).text("decisionNote")).isEqualTo("not a fit");
        assertThat(db.count("select count(*) from assignment where signal_id = ?", signal))
                .isZero();
    }

    @Test
    void requestsThatCannotBeMadeAre409Or403AndLeaveNothing() {
        UUID startup = Api.startup();
        UUID other = Api.startup();
        UUID draft = Api.signalIn("draft", 0);
        UUID costly = Api.signalIn("published", 50);
        UUID pool = Api.signalIn("published", 0);
        request(startup, pool);
        long before = db.count("select count(*) from pool_request");
        var mark = kafka.mark();
        Api.as(startup)
                .body(Map.of("signalId", draft))
                .post("/api/pool-requests")
                .then()
                .statusCode(409);
        Api.as(startup)
                .body(Map.of("signalId", costly))
                .post("/api/pool-requests")
                .then()
                .statusCode(409)
                .body("message", containsString("insufficient"));
        Api.as(startup)
                .body(Map.of("signalId", pool))
                .post("/api/pool-requests")
                .then()
                .statusCode(409); // duplicate
        Api.as(startup)
                .body(Map.of("signalId", pool, "startupId", other))
                .post("/api/pool-requests")
                .then()
                .statusCode(403);
        Api.as(startup)
                .body(Map.of())
                .post("/api/pool-requests")
                .then()
                .statusCode(400)
                .body("fields.signalId", notNullValue());
        Api.as(startup)
                .body(Map.of("signalId", UUID.randomUUID()))
                .post("/api/pool-requests")
                .then()
                .statusCode(404);
        admin().body(Map.of("signalId", pool))
                .post("/api/pool-requests")
                .then()
                .statusCode(400)
                .body("fields.startupId", notNullValue());
        Api.as(startup)
                .post("/api/pool-requests/" + UUID.randomUUID() + "/approve")
                .then()
                .statusCode(403);
        Api.as(other).get("/api/pool-requests").then().statusCode(200).body("size()", equalTo(0));
        Api.as(startup).get("/api/pool-requests").then().statusCode(200).body("size()", equalTo(1));
        assertThat(db.count("select count(*) from pool_request")).isEqualTo(before);
        assertThat(kafka.since(mark)).isEmpty();
    }

    @Test
    void approvalWithoutEnoughCreditsIs409AndChangesNothing() {
        UUID startup = Api.startup();
        Api.allocate(startup, 5);
        UUID s1 = Api.signalIn("published", 5);
        UUID s2 = Api.signalIn("published", 5);
        String r1 = request(startup, s1);
        String r2 = request(startup, s2);
        admin().post("/api/pool-requests/" + r1 + "/approve").then().statusCode(200);
        var mark = kafka.mark();
        admin().post("/api/pool-requests/" + r2 + "/approve")
                .then()
                .statusCode(409)
                .body("message", containsString("insufficient"));
        assertThat(db.row("select status, assignment_id from pool_request where id = ?", UUID.fromString(r2)))
                .containsEntry("status", "pending")
                .containsEntry("assignment_id", null);
        assertThat(db.count("select count(*) from assignment where signal_id = ?", s2))
                .isZero();
        assertThat(db.row("select balance from credit_account where startup_id = ?", startup))
                .containsEntry("balance", 0L);
        assertThat(db.count(
                        "select count(*) from credit_ledger_entry where startup_id = ? and entry_type = 'deduction'",
                        startup))
                .isEqualTo(1);
        assertThat(kafka.since(mark)).isEmpty();
    }

    /** Two admins approve two requests of one startup at once; its balance covers one: exactly one wins. */
    @Test
    void twoApprovalsRacingForTheLastCreditsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                UUID startup = Api.startup();
                Api.allocate(startup, 10);
                UUID s1 = Api.signalIn("published", 10);
                UUID s2 = Api.signalIn("published", 10);
                List<String> requests = List.of(request(startup, s1), request(startup, s2));
                var mark = kafka.mark();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> calls = new ArrayList<>();
                for (String r : requests) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return admin().post("/api/pool-requests/" + r + "/approve")
                                .then()
                                .extract()
                                .statusCode();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : calls) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                assertThat(db.row("select balance from credit_account where startup_id = ?", startup))
                        .containsEntry("balance", 0L);
                assertThat(db.count(
                                "select count(*) from credit_ledger_entry where startup_id = ? and entry_type = 'deduction'",
                                startup))
                        .isEqualTo(1);
                assertThat(db.count("select count(*) from assignment where startup_id = ?", startup))
                        .isEqualTo(1);
                assertThat(db.count(
                                "select count(*) from pool_request where startup_id = ? and status = 'approved'",
                                startup))
                        .isEqualTo(1);
                List<Ev> events = kafka.since(mark);
                assertThat(KafkaLog.of(events, EventType.CREDITS_DEDUCTED))
                        .singleElement()
                        .satisfies(e ->
                                assertThat(e.data().get("balance").asLong()).isZero());
                assertThat(KafkaLog.of(events, EventType.POOL_REQUEST_APPROVED)).hasSize(1);
                assertThat(KafkaLog.of(events, EventType.SIGNAL_ASSIGNED)).hasSize(1);
                assertThat(KafkaLog.of(events, EventType.ASSIGNMENT_CREATED)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoAdminsApprovingTheSameRequestApproveItOnce() throws Exception {
        UUID startup = Api.startup();
        Api.allocate(startup, 10);
        UUID signal = Api.signalIn("published", 4);
        String r = request(startup, signal);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return admin().post("/api/pool-requests/" + r + "/approve")
                            .then()
                            .extract()
                            .statusCode();
                }));
            }
            go.countDown();
            assertThat(List.of(calls.get(0).get(), calls.get(1).get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.row("select balance from credit_account where startup_id = ?", startup))
                .containsEntry("balance", 6L);
    }
}
