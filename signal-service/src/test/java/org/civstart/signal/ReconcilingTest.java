package org.civstart.signal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What a client needs to reconcile optimistic updates: every event names the acting user
 * ({@code ce_actor}), the request's correlation id ({@code ce_correlationid}: its X-Request-Id or
 * Idempotency-Key, echoed in the response) and the resource's new version; and a POST retried with
 * the same Idempotency-Key gets the first answer and changes nothing.
 */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class ReconcilingTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    private static RequestSpecification as(String subject) {
        return given().contentType(ContentType.JSON).auth().oauth2(TestTokens.admin(subject));
    }

    @Test
    void fiftyConcurrentRetriesOfOneAssignmentMakeOneAssignmentAndOneSetOfEvents() throws Exception {
        UUID signal = Api.signalIn("approved", 0);
        UUID startup = Api.startup();
        String admin = "admin-" + UUID.randomUUID();
        String token = TestTokens.admin(admin);
        String key = "assign-" + UUID.randomUUID();
        var mark = kafka.mark();

        int retries = 50;
        ExecutorService pool = Executors.newFixedThreadPool(retries);
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < retries; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return given().contentType(ContentType.JSON)
                            .auth()
                            .oauth2(token)
                            .header("Idempotency-Key", key)
                            .body(Map.of("startupIds", List.of(startup), "dueDate", "2031-06-30"))
                            .post("/api/signals/" + signal + "/assignments");
                }));
            }
            go.countDown();
            for (Future<Response> call : calls) {
                answers.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(r -> r.header("X-Request-Id")).containsOnly(key);
        assertThat(answers).extracting(r -> r.header("Idempotency-Replayed")).containsOnlyOnce((String) null);
        String first = answers.stream()
                .filter(r -> r.header("Idempotency-Replayed") == null)
                .findFirst()
                .orElseThrow()
                .asString();
        assertThat(answers).extracting(Response::asString).containsOnly(first);
        assertThat(db.count("select count(*) from assignment where signal_id = ?", signal))
                .isEqualTo(1);

        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactlyInAnyOrder(
                        "signal.assigned", "assignment.created", "signal.status-changed", "signal.updated");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(admin);
            assertThat(e.correlationId()).isEqualTo(key);
        });
        long assignmentVersion = ((Number) db.row("select version from assignment where signal_id = ?", signal)
                        .get("version"))
                .longValue();
        long signalVersion = ((Number) db.row("select version from signal where id = ?", signal)
                        .get("version"))
                .longValue();
        assertThat(KafkaLog.of(events, EventType.ASSIGNMENT_CREATED)
                        .get(0)
                        .data()
                        .get("version")
                        .asLong())
                .isEqualTo(assignmentVersion);
        assertThat(KafkaLog.of(events, EventType.SIGNAL_UPDATED)
                        .get(0)
                        .data()
                        .get("version")
                        .asLong())
                .isEqualTo(signalVersion);
    }

    @Test
    void theSameKeyWithAnotherRequestIs422NamingTheFieldAndChangesNothing() {
        UUID signal = Api.signalIn("approved", 0);
        UUID a = Api.startup();
        UUID b = Api.startup();
        String admin = "admin-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        as(admin)
                .header("Idempotency-Key", key)
                .body(Map.of("startupIds", List.of(a)))
                .post("/api/signals/" + signal + "/assignments")
                .then()
                .statusCode(201);
        var mark = kafka.mark();

        as(admin)
                .header("Idempotency-Key", key)
                .body(Map.of("startupIds", List.of(b)))
                .post("/api/signals/" + signal + "/assignments")
                .then()
                .statusCode(422)
                .body("status", equalTo(422))
                .body("fields.startupIds", equalTo("differs from the first request with this Idempotency-Key"));
        as(admin)
                .header("Idempotency-Key", key)
                .body(Map.of("title", "Another operation"))
                .post("/api/signals")
                .then()
                .statusCode(422)
                .body("fields.'Idempotency-Key'", containsString("another operation"));

        assertThat(db.count("select count(*) from assignment where startup_id = ?", b))
                .isZero();
        assertThat(kafka.since(mark)).isEmpty();
    }

    @Test
    void aRetriedCreditAdjustmentGetsTheFirstAnswer() {
        // the amount is a long: the retry's request must compare equal to the one stored as jsonb (found by the chaos
        // suite)
        UUID startup = Api.startup();
        String key = "adjust-" + UUID.randomUUID();
        String first = as("admin-" + key)
                .header("Idempotency-Key", key)
                .body(Map.of("amount", 10, "reason", "retry"))
                .post("/api/startups/" + startup + "/credits/adjustments")
                .then()
                .statusCode(201)
                .header("Idempotency-Replayed", nullValue())
                .extract()
                .asString();
        String again = as("admin-" + key)
                .header("Idempotency-Key", key)
                .body(Map.of("amount", 10, "reason", "retry"))
                .post("/api/startups/" + startup + "/credits/adjustments")
                .then()
                .statusCode(201)
                .header("Idempotency-Replayed", "true")
                .extract()
                .asString();
        assertThat(again).isEqualTo(first);
        assertThat(db.count("select count(*) from credit_ledger_entry where startup_id = ?", startup))
                .isEqualTo(1);
        as("admin-" + key)
                .header("Idempotency-Key", key)
                .body(Map.of("amount", 11, "reason", "retry"))
                .post("/api/startups/" + startup + "/credits/adjustments")
                .then()
                .statusCode(422)
                .body("fields.amount", equalTo("differs from the first request with this Idempotency-Key"));
    }

    @Test
    void aKeyBelongsToItsCallerAndAFailedFirstAttemptDoesNotUseItUp() {
        String key = "create-" + UUID.randomUUID();
        String title = "Idempotent " + key;
        // two admins may happen to send the same key: each gets their own signal
        String one = as("admin-one-" + key)
                .header("Idempotency-Key", key)
                .body(Map.of("title", title))
                .post("/api/signals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String two = as("admin-two-" + key)
                .header("Idempotency-Key", key)
                .body(Map.of("title", title))
                .post("/api/signals")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(one).isNotEqualTo(two);

        // a request refused (409: not enough credits) changed nothing, so its retry runs for real
        UUID pooled = Api.signalIn("published", 5);
        UUID startup = Api.startup();
        String poolKey = UUID.randomUUID().toString();
        Api.as(startup)
                .header("Idempotency-Key", poolKey)
                .body(Map.of("signalId", pooled))
                .post("/api/pool-requests")
                .then()
                .statusCode(409);
        Api.allocate(startup, 5);
        Api.as(startup)
                .header("Idempotency-Key", poolKey)
                .body(Map.of("signalId", pooled))
                .post("/api/pool-requests")
                .then()
                .statusCode(201)
                .header("Idempotency-Replayed", nullValue());
        Api.as(startup)
                .header("Idempotency-Key", poolKey)
                .body(Map.of("signalId", pooled))
                .post("/api/pool-requests")
                .then()
                .statusCode(201)
                .header("Idempotency-Replayed", "true");
        assertThat(db.count("select count(*) from pool_request where startup_id = ?", startup))
                .isEqualTo(1);
    }

    @Test
    void everyEventCarriesTheActorTheRequestIdAndTheNewVersion() {
        UUID signal = Api.signal("Versioned", List.of("energy"), 1);
        String admin = "admin-" + UUID.randomUUID();
        var mark = kafka.mark();
        int version = as(admin)
                .header("X-Request-Id", "req-42-" + signal)
                .body(Map.of("summary", "edited"))
                .patch("/api/signals/" + signal)
                .then()
                .statusCode(200)
                .header("X-Request-Id", "req-42-" + signal)
                .extract()
                .path("version");
        Ev updated = kafka.since(mark).get(0);
        assertThat(updated.type()).isEqualTo("signal.updated");
        assertThat(updated.actor()).isEqualTo(admin);
        assertThat(updated.correlationId()).isEqualTo("req-42-" + signal);
        assertThat(updated.data().get("version").asInt()).isEqualTo(version).isEqualTo(1);

        // no header: the service makes a correlation id, answers it, and the events carry it
        var mark2 = kafka.mark();
        String generated = as(admin)
                .body(Map.of("summary", "edited again"))
                .patch("/api/signals/" + signal)
                .then()
                .statusCode(200)
                .extract()
                .header("X-Request-Id");
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(kafka.since(mark2)).singleElement().satisfies(e -> {
            assertThat(e.correlationId()).isEqualTo(generated);
            assertThat(e.data().get("version").asInt()).isEqualTo(2);
        });

        // the credits resource has a version too
        UUID startup = Api.startup();
        var mark3 = kafka.mark();
        Api.allocate(startup, 7);
        assertThat(KafkaLog.of(kafka.since(mark3), EventType.CREDITS_UPDATED))
                .singleElement()
                .satisfies(e -> assertThat(e.data().get("version").asInt()).isEqualTo(1));
        Api.as(startup)
                .get("/api/startups/" + startup + "/credits")
                .then()
                .statusCode(200)
                .body("balance", equalTo(7))
                .body("version", equalTo(1));
    }

    @Test
    void aMalformedRequestIdOrKeyIs400NamingTheHeader() {
        as("admin-x")
                .header("X-Request-Id", "x".repeat(300))
                .body(Map.of("title", "never"))
                .post("/api/signals")
                .then()
                .statusCode(400)
                .body("fields.'X-Request-Id'", notNullValue());
        as("admin-x")
                .header("Idempotency-Key", "has spaces in it")
                .body(Map.of("title", "never"))
                .post("/api/signals")
                .then()
                .statusCode(400)
                .body("fields.'Idempotency-Key'", notNullValue());
        assertThat(db.count("select count(*) from signal where title = 'never'"))
                .isZero();
    }
}
