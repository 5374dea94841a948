package org.civstart.signal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.signal.support.Api.admin;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
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

@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class SignalApiTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    @Test
    void createStoresTheSignalAndPublishesSignalCreated() {
        var mark = kafka.mark();
        String id = admin().body(Map.of(
                        "title",
                        "  Grid resilience RFI ",
                        "summary",
                        "DOE asks for input",
                        "agency",
                        "DOE",
                        "sectors",
                        List.of("Energy", "grid"),
                        "tags",
                        List.of("RFI"),
                        "poolCost",
                        5,
                        "dueDate",
                        "2030-01-31"))
                .post("/api/signals")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/signals/"))
                .extract()
                .path("id");
        Map<String, Object> row = db.row("select * from signal where id = ?", UUID.fromString(id));
        assertThat(row.get("title")).isEqualTo("Grid resilience RFI");
        assertThat(row.get("status")).isEqualTo("draft");
        assertThat(row.get("source")).isEqualTo("admin");
        assertThat((String) row.get("signal_identifier")).matches("SIG-[0-9A-Z]{6}");

        List<Ev> events = kafka.since(mark);
        assertThat(events).hasSize(1);
        Ev created = events.get(0);
        assertThat(created.type()).isEqualTo(EventType.SIGNAL_CREATED.type());
        assertThat(created.topic()).isEqualTo("signals");
        assertThat(created.key()).isEqualTo(id);
        assertThat(created.audience()).isEqualTo("admin");
        assertThat(created.startupId()).isNull();
        assertThat(created.text("signalId")).isEqualTo(id);
        assertThat(created.text("signalIdentifier")).isEqualTo(row.get("signal_identifier"));
        assertThat(created.text("status")).isEqualTo("draft");
        assertThat(created.data().get("sectors").toString()).isEqualTo("[\"energy\",\"grid\"]");
        assertThat(created.text("dueDate")).isEqualTo("2030-01-31");
    }

    @Test
    void badInputIs400NamingEachFieldAndLeavesNothing() {
        long before = db.count("select count(*) from signal");
        var mark = kafka.mark();
        admin().body(Map.of("title", " ", "poolCost", -1, "sectors", List.of("ok", "")))
                .post("/api/signals")
                .then()
                .statusCode(400)
                .body("fields.title", notNullValue())
                .body("fields.poolCost", notNullValue())
                .body("fields.'sectors[1]'", notNullValue());
        admin().body("{\"title\":\"x\",\"status\":\"flying\"}")
                .post("/api/signals")
                .then()
                .statusCode(400)
                .body("fields.status", notNullValue());
        admin().body("{\"title\":\"x\",\"status\":\"approved\"}")
                .post("/api/signals")
                .then()
                .statusCode(400)
                .body("fields.status", notNullValue());
        admin().body("{\"title\":\"x\",\"dueDate\":\"tomorrow\"}")
                .post("/api/signals")
                .then()
                .statusCode(400)
                .body("fields.dueDate", notNullValue());
        admin().body("{not json").post("/api/signals").then().statusCode(400);
        assertThat(db.count("select count(*) from signal")).isEqualTo(before);
        assertThat(kafka.since(mark)).isEmpty();
    }

    @Test
    void updatePublishesTheChangedFieldsAndAStaleVersionIs409() {
        UUID id = Api.signal("Original", List.of("energy"), 0);
        var mark = kafka.mark();
        admin().body(Map.of("title", "Renamed", "agency", "DOE", "version", 0))
                .patch("/api/signals/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("version", equalTo(1));
        // agency was DOE already: only the title changed
        List<Ev> events = kafka.since(mark);
        assertThat(events).extracting(Ev::type).containsExactly(EventType.SIGNAL_UPDATED.type());
        assertThat(events.get(0).data().get("changedFields").toString()).isEqualTo("[\"title\"]");
        assertThat(events.get(0).text("title")).isEqualTo("Renamed");

        var mark2 = kafka.mark();
        admin().body(Map.of("title", "Lost update", "version", 0))
                .patch("/api/signals/" + id)
                .then()
                .statusCode(409)
                .body("message", notNullValue());
        assertThat(db.row("select title, version from signal where id = ?", id))
                .containsEntry("title", "Renamed")
                .containsEntry("version", 1L);
        assertThat(kafka.since(mark2)).isEmpty();
    }

    @Test
    void transitionsFollowTheStateMachineWithStatusEvents() {
        UUID id = Api.signal("Lifecycle", List.of("energy"), 0);
        var mark = kafka.mark();
        Api.transition(id, "pending_review");
        Api.transition(id, "approved");
        admin().post("/api/signals/" + id + "/publish").then().statusCode(200).body("status", equalTo("published"));
        admin().post("/api/signals/" + id + "/remove").then().statusCode(200).body("status", equalTo("removed"));

        List<Ev> events = kafka.since(mark);
        assertThat(events).allMatch(e -> e.key().equals(id.toString()));
        assertThat(events)
                .extracting(Ev::type)
                .containsExactly(
                        "signal.status-changed",
                        "signal.updated",
                        "signal.status-changed",
                        "signal.updated",
                        "signal.status-changed",
                        "signal.updated",
                        "signal.published",
                        "signal.status-changed",
                        "signal.updated",
                        "signal.removed");
        // every startup sees these: the public fields only (the status moves are in signal.status-changed, for admins)
        Ev published = KafkaLog.of(events, EventType.SIGNAL_PUBLISHED).get(0);
        assertThat(published.audience()).isEqualTo("admin,startups");
        assertThat(published.data().get("inPool").asBoolean()).isTrue();
        assertThat(published.data().has("status")).isFalse();
        Ev removed = KafkaLog.of(events, EventType.SIGNAL_REMOVED).get(0);
        assertThat(removed.audience()).isEqualTo("admin,startups");
        assertThat(removed.data().get("inPool").asBoolean()).isFalse();
        assertThat(KafkaLog.of(events, EventType.SIGNAL_STATUS_CHANGED).get(3).text("previousStatus"))
                .isEqualTo("published");
        assertThat(KafkaLog.of(events, EventType.SIGNAL_STATUS_CHANGED).get(0).text("status"))
                .isEqualTo("pending_review");
    }

    @Test
    void anIllegalTransitionIs409AndChangesNothing() {
        UUID id = Api.signal("Still a draft", List.of("energy"), 0);
        var mark = kafka.mark();
        admin().body(Map.of("status", "published"))
                .post("/api/signals/" + id + "/transitions")
                .then()
                .statusCode(409)
                .body("message", containsString("draft"));
        admin().body(Map.of("status", "assigned"))
                .post("/api/signals/" + id + "/transitions")
                .then()
                .statusCode(400)
                .body("fields.startupIds", notNullValue());
        assertThat(db.row("select status from signal where id = ?", id)).containsEntry("status", "draft");
        assertThat(kafka.since(mark)).isEmpty();
    }

    @Test
    void unknownIdsAre404() {
        UUID nobody = UUID.randomUUID();
        admin().get("/api/signals/" + nobody).then().statusCode(404);
        admin().body(Map.of("title", "x"))
                .patch("/api/signals/" + nobody)
                .then()
                .statusCode(404);
        admin().body(Map.of("status", "archived"))
                .post("/api/signals/" + nobody + "/transitions")
                .then()
                .statusCode(404);
    }

    @Test
    void listFiltersAndPages() {
        String sector = "sector-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            Api.signal("Filtered " + i, List.of(sector), 0);
        }
        admin().queryParam("sector", sector)
                .queryParam("size", 2)
                .get("/api/signals")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("page", equalTo(0));
        admin().queryParam("sector", sector)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/signals")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
        admin().queryParam("sector", sector)
                .queryParam("status", "published")
                .get("/api/signals")
                .then()
                .body("total", equalTo(0));
        admin().queryParam("status", "nonsense")
                .get("/api/signals")
                .then()
                .statusCode(400)
                .body("fields.status", notNullValue());
        admin().queryParam("size", 0).get("/api/signals").then().statusCode(400).body("fields.size", notNullValue());
    }

    @Test
    void startupsSeeThePoolOnlyAndCannotCreate() {
        UUID startup = Api.startup();
        UUID draft = Api.signal("Hidden", List.of("energy"), 0);
        UUID published = Api.signalIn("published", 0);
        // a startup reads the public fields only (those of PublicSignalData); an admin everything
        Api.as(startup)
                .get("/api/signals/" + published)
                .then()
                .statusCode(200)
                .body("inPool", equalTo(true))
                .body(
                        "keySet()",
                        containsInAnyOrder(
                                "id",
                                "signalIdentifier",
                                "title",
                                "summary",
                                "agency",
                                "sectors",
                                "tags",
                                "poolCost",
                                "dueDate",
                                "inPool",
                                "version"));
        admin().get("/api/signals/" + published)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("keySet()", hasItems("airtableRecordId", "source", "nextStatuses"));
        Api.as(startup).get("/api/signals/" + draft).then().statusCode(403);
        Api.as(startup)
                .get("/api/signals")
                .then()
                .statusCode(200)
                .body("items.inPool", everyItem(equalTo(true)))
                .body("items.id", hasItem(published.toString()))
                .body("items[0].keySet()", not(hasItem("status")));
        Api.as(startup)
                .body(Map.of("title", "mine"))
                .post("/api/signals")
                .then()
                .statusCode(403);
        given().get("/api/signals").then().statusCode(401);
    }

    @Test
    void identifiersLookRandomAndNeverRepeat() {
        String a = admin().body(Map.of("title", "a"))
                .post("/api/signals")
                .then()
                .extract()
                .path("signalIdentifier");
        String b = admin().body(Map.of("title", "b"))
                .post("/api/signals")
                .then()
                .extract()
                .path("signalIdentifier");
        assertThat(a).isNotEqualTo(b).matches("SIG-[0-9A-Z]{6}");
        admin().get("/api/signals?q=" + a.toLowerCase())
                .then()
                .body("items.signalIdentifier", hasItem(a))
                .body("items[0].signalIdentifier", matchesPattern("SIG-.*"));
    }
}
