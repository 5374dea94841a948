package org.civstart.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.Topic;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * An admin's saved event preferences: validated, kept, and published with every change on the
 * compacted {@code preferences} topic (key and {@code ce_userid} = the admin's sub), for every
 * gateway replica to apply as that admin's default filter.
 */
@QuarkusTest
@RealPeers
class EventPreferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void savingAndResettingPublishesEachVersionKeyedByTheAdmin() throws Exception {
        String sub = "prefs-admin-" + UUID.randomUUID();
        String token = TestTokens.admin(sub);
        UUID startup = UUID.randomUUID();
        UUID signal = UUID.randomUUID();
        get(token)
                .body("userId", equalTo(sub))
                .body("events", equalTo(List.of()))
                .body("version", equalTo(0));
        try (EventRecorder recorder = EventRecorder.on(Topic.PREFERENCES)) {
            put(
                            token,
                            Map.of(
                                    "events",
                                    List.of("signal:*", "credits:updated", "signal:*"),
                                    "startups",
                                    List.of(startup.toString()),
                                    "signals",
                                    List.of(signal.toString())))
                    .statusCode(200)
                    .body("version", equalTo(1))
                    .body("events", equalTo(List.of("signal:*", "credits:updated")));
            ConsumerRecord<String, String> saved = awaitVersion(recorder, sub, 1);
            CloudEvent ce = CloudEvent.of(saved);
            assertThat(ce.type()).isEqualTo("admin-preferences.updated");
            assertThat(saved.key()).isEqualTo(sub);
            assertThat(ce.userId()).isEqualTo(sub);
            assertThat(ce.audience()).isEqualTo("user");
            JsonNode data = JSON.readTree(saved.value());
            assertThat(data.get("userId").asText()).isEqualTo(sub);
            assertThat(data.get("events")).extracting(JsonNode::asText).containsExactly("signal:*", "credits:updated");
            assertThat(data.get("startups")).extracting(JsonNode::asText).containsExactly(startup.toString());
            assertThat(data.get("signals")).extracting(JsonNode::asText).containsExactly(signal.toString());
            assertThat(data.get("updatedAt").asText()).isNotEmpty();
            get(token)
                    .body("events", equalTo(List.of("signal:*", "credits:updated")))
                    .body("startups", equalTo(List.of(startup.toString())))
                    .body("version", equalTo(1));

            put(token, Map.of("events", List.of("assignment:*")))
                    .statusCode(200)
                    .body("version", equalTo(2))
                    .body("startups", equalTo(List.of()));
            assertThat(JSON.readTree(awaitVersion(recorder, sub, 2).value()).get("startups"))
                    .isEmpty();

            // reset: no restriction, published as empty lists with the next version
            given().auth()
                    .oauth2(token)
                    .delete("/api/preferences/events")
                    .then()
                    .statusCode(200)
                    .body("version", equalTo(3))
                    .body("events", equalTo(List.of()));
            JsonNode reset = JSON.readTree(awaitVersion(recorder, sub, 3).value());
            assertThat(reset.get("events")).isEmpty();
            assertThat(reset.get("startups")).isEmpty();
            assertThat(reset.get("signals")).isEmpty();
            get(token).body("events", equalTo(List.of())).body("version", equalTo(3));
        }
    }

    @Test
    void badPreferencesAre400NamingEachFieldAndListingTheValidNamesAndChangeNothing() {
        String sub = "bad-prefs-admin-" + UUID.randomUUID();
        String token = TestTokens.admin(sub);
        put(token, Map.of("events", List.of("credits:*"))).statusCode(200).body("version", equalTo(1));
        try (EventRecorder recorder = EventRecorder.on(Topic.PREFERENCES)) {
            List<String> tooMany = IntStream.range(0, 1001)
                    .mapToObj(i -> UUID.randomUUID().toString())
                    .toList();
            put(
                            token,
                            Map.of(
                                    "events",
                                    List.of("signal:*", "gossip:spread", "nothing*", "credits:*ed"),
                                    "startups",
                                    List.of(UUID.randomUUID().toString(), "acme"),
                                    "signals",
                                    tooMany))
                    .statusCode(400)
                    .body("fields.'events[1]'", containsString("gossip:spread"))
                    .body("fields.'events[1]'", containsString("credits:updated")) // lists the valid names
                    .body("fields.'events[2]'", notNullValue())
                    .body("fields.'events[3]'", notNullValue())
                    .body("fields.'events[0]'", equalTo(null))
                    .body("fields.'startups[1]'", equalTo("must be a UUID"))
                    .body("fields.signals", containsString("1000"))
                    .body("validEvents", hasItems("signal:assigned", "notification:countChanged", "match:generated"));
            put(
                            token,
                            Map.of(
                                    "events",
                                    IntStream.range(0, 101)
                                            .mapToObj(i -> "signal:*")
                                            .toList()))
                    .statusCode(400)
                    .body("fields.events", containsString("100"));
            put(token, Map.of("startups", List.of("1-2-3-4-5")))
                    .statusCode(400)
                    .body("fields.'startups[0]'", notNullValue());
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{not json")
                    .put("/api/preferences/events")
                    .then()
                    .statusCode(400)
                    .body("fields.body", notNullValue());
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"events\":\"signal:*\"}")
                    .put("/api/preferences/events")
                    .then()
                    .statusCode(400)
                    .body("fields.events", notNullValue());

            get(token).body("events", equalTo(List.of("credits:*"))).body("version", equalTo(1));
            // a fence: the next good save is the first event published since
            put(token, Map.of()).statusCode(200).body("version", equalTo(2));
            awaitVersion(recorder, sub, 2);
            assertThat(recorder.records()).filteredOn(r -> sub.equals(r.key())).hasSize(1);
        }
        given().auth()
                .oauth2(token)
                .get("/api/preferences/events/names")
                .then()
                .statusCode(200)
                .body("events", hasItem("assignment:viewed"));
    }

    @Test
    void onlyAdminsHaveEventPreferences() {
        String startup = TestTokens.startup(UUID.randomUUID());
        given().auth().oauth2(startup).get("/api/preferences/events").then().statusCode(403);
        given().auth()
                .oauth2(startup)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/preferences/events")
                .then()
                .statusCode(403);
        given().auth().oauth2(startup).delete("/api/preferences/events").then().statusCode(403);
        given().get("/api/preferences/events").then().statusCode(401);
    }

    @Test
    void concurrentSavesOfOneAdminGetOneVersionEach() throws Exception {
        String sub = "two-tabs-admin-" + UUID.randomUUID();
        String token = TestTokens.admin(sub);
        int saves = 10;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EventRecorder recorder = EventRecorder.on(Topic.PREFERENCES)) {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < saves; i++) {
                String pattern = i % 2 == 0 ? "signal:*" : "credits:*";
                versions.add(pool.submit(() -> put(token, Map.of("events", List.of(pattern)))
                        .statusCode(200)
                        .extract()
                        .<Integer>path("version")));
            }
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> v : versions) {
                got.add(v.get());
            }
            assertThat(got)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, saves).boxed().toList());
            List<ConsumerRecord<String, String>> published = recorder.await(saves, r -> sub.equals(r.key()));
            assertThat(published)
                    .extracting(r -> JSON.readTree(r.value()).get("version").asInt())
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, saves).boxed().toList());
            // the latest record of the key (what compaction keeps) is what REST returns
            JsonNode last = JSON.readTree(published.get(saves - 1).value());
            get(token)
                    .body("version", equalTo(saves))
                    .body("events[0]", equalTo(last.get("events").get(0).asText()));
        } finally {
            pool.shutdown();
        }
    }

    private static ConsumerRecord<String, String> awaitVersion(EventRecorder recorder, String sub, int version) {
        return recorder.await(1, r -> sub.equals(r.key()) && versionOf(r) == version)
                .get(0);
    }

    private static int versionOf(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value()).path("version").asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    private static ValidatableResponse get(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/preferences/events")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse put(String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/preferences/events")
                .then();
    }
}
