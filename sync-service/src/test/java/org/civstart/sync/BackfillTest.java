package org.civstart.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.civstart.sync.support.Fixtures.ORGANIZATIONS;
import static org.civstart.sync.support.Fixtures.STARTUPS;
import static org.civstart.sync.support.Fixtures.data;
import static org.civstart.sync.support.Fixtures.fields;
import static org.civstart.sync.support.Fixtures.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.SyncTest;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Full backfill of a table through the records API: offset paging, within the rate limit, progress visible, an event at the end. */
@SyncTest
class BackfillTest extends AirtableFixture {

    @Test
    void aBackfillOfOverAThousandRecordsReportsProgressStaysWithinTheRateLimitAndPublishesEveryRecord() {
        int size = 1050;
        List<String> ids = airtable.seed(
                base,
                STARTUPS,
                size,
                i -> Map.of(
                        "fldStartupName",
                        "Startup " + i,
                        "fldStartupSectors",
                        List.of("Climate", "Sector " + (i % 7)), // records API: plain strings
                        "fldStartupTier",
                        i % 2 == 0 ? "Starter" : "Growth"));
        Set<String> seeded = new HashSet<>(ids);
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            Response started = start(base, STARTUPS);
            started.then()
                    .statusCode(202)
                    .header("Location", containsString("/admin/airtable/backfills/"))
                    .body("status", equalTo("running"))
                    .body("baseId", equalTo(base))
                    .body("tableId", equalTo(STARTUPS));
            String id = started.path("id");
            // one backfill of a table at a time
            start(base, STARTUPS).then().statusCode(409);

            List<Integer> progress = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        Response status =
                                given().auth().oauth2(TestTokens.admin()).get("/admin/airtable/backfills/" + id);
                        progress.add(status.path("done"));
                        return "completed".equals(status.path("status"));
                    });
            given().auth()
                    .oauth2(TestTokens.admin())
                    .get("/admin/airtable/backfills/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("done", equalTo(size))
                    .body("total", equalTo(size))
                    .body("pages", equalTo(11))
                    .body("finishedAt", notNullValue());
            // progress was visible on the way: counts grew page by page
            assertThat(progress).isSorted().anyMatch(done -> done > 0 && done < size);

            ConsumerRecord<String, String> completed =
                    events.await(1, r -> id.equals(r.key())).get(0);
            assertThat(type(completed)).isEqualTo(EventType.AIRTABLE_BACKFILL_COMPLETED.type());
            assertThat(data(completed))
                    .containsEntry("status", "completed")
                    .containsEntry("done", size)
                    .containsEntry("total", size)
                    .containsEntry("tableId", STARTUPS)
                    .containsEntry("baseId", base);
            List<ConsumerRecord<String, String>> synced = events.await(size, r -> seeded.contains(r.key()));
            assertThat(synced).hasSize(size).allSatisfy(r -> {
                assertThat(type(r)).isEqualTo(EventType.AIRTABLE_STARTUP_SYNCED.type());
                assertThat(data(r)).containsEntry("action", "created");
            });
            assertThat(fields(synced.get(0))).containsKeys("name", "sectors", "tier");
            assertThat(synced.stream().map(r -> fields(r).get("tier")).distinct())
                    .containsExactlyInAnyOrder("starter", "growth");
            assertThat(db.count("select count(*) from airtable_record where base_id = ? and kind = 'startup'", base))
                    .isEqualTo(size);

            // Airtable's limit was respected: never more than 5 requests to the base within a second
            assertThat(airtable.violations()).noneMatch(v -> v.contains(base));
            List<Long> times = airtable.requests(base).stream()
                    .map(FakeAirtable.Request::nanoTime)
                    .sorted()
                    .toList();
            assertThat(times).hasSize(11);
            for (int i = 5; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 5))
                        .as("request %d vs %d", i, i - 5)
                        .isGreaterThanOrEqualTo(1_000_000_000L);
            }
            assertThat(airtable.requests(base)).allSatisfy(r -> {
                assertThat(r.query())
                        .containsEntry("returnFieldsByFieldId", "true")
                        .containsEntry("pageSize", "100");
                assertThat(r.path()).isEqualTo("/v0/" + base + "/" + STARTUPS);
            });

            // a second backfill of the unchanged table publishes nothing but its end
            events.clear();
            String again =
                    start(base, STARTUPS).then().statusCode(202).extract().path("id");
            events.await(1, r -> again.equals(r.key()));
            assertThat(events.records())
                    .filteredOn(r -> seeded.contains(r.key()))
                    .isEmpty();
        }
    }

    @Test
    void aBackfillAirtableRefusesEndsFailedAndSaysSo() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            airtable.failNext(base, 403);
            String id =
                    start(base, ORGANIZATIONS).then().statusCode(202).extract().path("id");

            ConsumerRecord<String, String> end =
                    events.await(1, r -> id.equals(r.key())).get(0);
            assertThat(data(end)).containsEntry("status", "failed");
            assertThat((String) data(end).get("error")).contains("403");
            given().auth()
                    .oauth2(TestTokens.admin())
                    .get("/admin/airtable/backfills/" + id)
                    .then()
                    .body("status", equalTo("failed"))
                    .body("error", containsString("403"))
                    .body("done", equalTo(0));
        }
    }

    @Test
    void aBackfillWhoseProcessDiedIsMarkedFailedByAnyReplica() {
        try (EventRecorder events = EventRecorder.on(Topic.AIRTABLE_SYNC)) {
            // what a replica that died in the middle of a backfill leaves behind
            UUID id = UUID.randomUUID();
            db.execute(
                    "insert into airtable_backfill (id, base_id, table_id, status, done, pages, started_at, heartbeat_at) values ('"
                            + id + "', '" + base + "', '" + STARTUPS
                            + "', 'running', 300, 3, now() - interval '20 minutes', now() - interval '11 minutes')");

            ConsumerRecord<String, String> end =
                    events.await(1, r -> id.toString().equals(r.key())).get(0);
            assertThat(data(end)).containsEntry("status", "failed").containsEntry("done", 300);
            given().auth()
                    .oauth2(TestTokens.admin())
                    .get("/admin/airtable/backfills/" + id)
                    .then()
                    .body("status", equalTo("failed"))
                    .body("error", containsString("abandoned"));
            // a new one may start
            start(base, STARTUPS).then().statusCode(202);
        }
    }

    @Test
    void badBackfillRequests() {
        String admin = TestTokens.admin();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"" + base + "\",\"tableId\":\"tblNotMapped00001\"}")
                .post("/admin/airtable/backfills")
                .then()
                .statusCode(400)
                .body("fields.tableId", containsString("not a mapped table"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"x\"}")
                .post("/admin/airtable/backfills")
                .then()
                .statusCode(400)
                .body("fields.baseId", notNullValue())
                .body("fields.tableId", notNullValue());
        given().auth()
                .oauth2(admin)
                .get("/admin/airtable/backfills/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .get("/admin/airtable/backfills/not-a-uuid")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/admin/airtable/backfills")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.startup(UUID.randomUUID()))
                .get("/admin/airtable/backfills")
                .then()
                .statusCode(403);
        assertThat(db.count("select count(*) from airtable_backfill where base_id = ?", base))
                .isZero();
        assertThat(airtable.requests(base)).isEmpty();
    }

    private static Response start(String baseId, String tableId) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"baseId\":\"" + baseId + "\",\"tableId\":\"" + tableId + "\"}")
                .when()
                .post("/admin/airtable/backfills");
    }
}
