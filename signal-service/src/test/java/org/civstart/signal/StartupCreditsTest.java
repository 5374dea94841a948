package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civstart.signal.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
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
class StartupCreditsTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    @Test
    void createAndUpdateAStartup() {
        var mark = kafka.mark();
        UUID id = Api.startup("Gridly", List.of("Energy", "AI"), "starter");
        assertThat(db.row("select name, tier, sectors::text as sectors from startup where id = ?", id))
                .containsEntry("name", "Gridly")
                .containsEntry("tier", "starter")
                .containsEntry("sectors", "{energy,ai}");
        assertThat(db.row("select balance from credit_account where startup_id = ?", id))
                .containsEntry("balance", 0L);

        admin().body(Map.of("name", "Gridly Inc", "sectors", List.of("energy", "ai")))
                .patch("/api/startups/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Gridly Inc"))
                .body("version", equalTo(1));
        admin().body(Map.of("name", "Gridly Inc"))
                .patch("/api/startups/" + id)
                .then()
                .statusCode(200); // no change

        List<Ev> events = kafka.since(mark);
        assertThat(events).extracting(Ev::type).containsExactly("startup.created", "startup.updated");
        assertThat(events)
                .allMatch(e -> e.key().equals(id.toString())
                        && e.startupId().equals(id.toString())
                        && e.audience().equals("admin")
                        && e.topic().equals("startups"));
        assertThat(events.get(0).text("name")).isEqualTo("Gridly");
        assertThat(events.get(0).text("tier")).isEqualTo("starter");
        assertThat(events.get(1).data().get("changedFields").toString()).isEqualTo("[\"name\"]");

        admin().body(Map.of("name", ""))
                .post("/api/startups")
                .then()
                .statusCode(400)
                .body("fields.name", notNullValue());
        admin().body(Map.of("name", "x", "tier", "platinum"))
                .post("/api/startups")
                .then()
                .statusCode(400)
                .body("fields.tier", notNullValue());
        admin().get("/api/startups/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void allocationAndAdjustmentCarryTheNewBalance() {
        UUID id = Api.startup();
        var mark = kafka.mark();
        admin().body(Map.of("amount", 25, "reason", "welcome"))
                .post("/api/startups/" + id + "/credits/allocations")
                .then()
                .statusCode(201)
                .body("balanceAfter", equalTo(25))
                .body("entryType", equalTo("allocation"));
        admin().body(Map.of("amount", -5, "reason", "correction"))
                .post("/api/startups/" + id + "/credits/adjustments")
                .then()
                .statusCode(201)
                .body("balanceAfter", equalTo(20));

        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactly("credits.allocated", "credits.updated", "credits.updated");
        assertThat(events)
                .allMatch(e -> e.key().equals(id.toString())
                        && e.startupId().equals(id.toString())
                        && e.audience().equals("admin,startup")
                        && e.topic().equals("credits"));
        assertThat(events.get(0).data().get("balance").asLong()).isEqualTo(25);
        assertThat(events.get(0).data().get("delta").asLong()).isEqualTo(25);
        assertThat(events.get(1).data().get("balance").asLong()).isEqualTo(25);
        assertThat(events.get(2).data().get("balance").asLong()).isEqualTo(20);
        assertThat(events.get(2).text("entryType")).isEqualTo("adjustment");

        Api.as(id)
                .get("/api/startups/" + id + "/credits")
                .then()
                .statusCode(200)
                .body("balance", equalTo(20))
                .body("tier", equalTo("starter"))
                .body("monthlyAllotment", equalTo(10));
        Api.as(id)
                .get("/api/startups/" + id + "/credits/ledger")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].amount", equalTo(-5))
                .body("items[1].amount", equalTo(25));
    }

    @Test
    void refusedPostingsLeaveNoEntryAndNoEvent() {
        UUID id = Api.startup();
        Api.allocate(id, 10);
        var mark = kafka.mark();
        admin().body(Map.of("amount", -11))
                .post("/api/startups/" + id + "/credits/adjustments")
                .then()
                .statusCode(409)
                .body("message", containsString("insufficient"));
        admin().body(Map.of("amount", 0))
                .post("/api/startups/" + id + "/credits/allocations")
                .then()
                .statusCode(400)
                .body("fields.amount", notNullValue());
        admin().body(Map.of("amount", -3))
                .post("/api/startups/" + id + "/credits/allocations")
                .then()
                .statusCode(400)
                .body("fields.amount", notNullValue());
        admin().body(Map.of("amount", 5))
                .post("/api/startups/" + UUID.randomUUID() + "/credits/allocations")
                .then()
                .statusCode(404);
        assertThat(db.count("select count(*) from credit_ledger_entry where startup_id = ?", id))
                .isEqualTo(1);
        assertThat(db.row("select balance from credit_account where startup_id = ?", id))
                .containsEntry("balance", 10L);
        assertThat(kafka.since(mark)).isEmpty();
    }

    @Test
    void tierChangeEmitsTierChangedAndStartupUpdated() {
        UUID id = Api.startup();
        Api.allocate(id, 7);
        var mark = kafka.mark();
        admin().body(Map.of("tier", "growth"))
                .put("/api/startups/" + id + "/credits/tier")
                .then()
                .statusCode(200)
                .body("tier", equalTo("growth"))
                .body("monthlyAllotment", equalTo(50))
                .body("balance", equalTo(7));
        List<Ev> events = kafka.since(mark);
        assertThat(events).extracting(Ev::type).containsExactlyInAnyOrder("startup.updated", "credits.tier-changed");
        Ev tier = KafkaLog.of(events, EventType.CREDITS_TIER_CHANGED).get(0);
        assertThat(tier.startupId()).isEqualTo(id.toString());
        assertThat(tier.audience()).isEqualTo("admin,startup");
        assertThat(tier.text("tier")).isEqualTo("growth");
        assertThat(tier.text("previousTier")).isEqualTo("starter");
        assertThat(tier.data().get("monthlyAllotment").asInt()).isEqualTo(50);
        assertThat(tier.data().get("balance").asLong()).isEqualTo(7);
        assertThat(KafkaLog.of(events, EventType.STARTUP_UPDATED)
                        .get(0)
                        .data()
                        .get("changedFields")
                        .toString())
                .isEqualTo("[\"tier\"]");

        var mark2 = kafka.mark();
        admin().body(Map.of("tier", "diamond"))
                .put("/api/startups/" + id + "/credits/tier")
                .then()
                .statusCode(400)
                .body("fields.tier", notNullValue());
        admin().body(Map.of("tier", "enterprise", "version", 0))
                .put("/api/startups/" + id + "/credits/tier")
                .then()
                .statusCode(409);
        assertThat(db.row("select tier from startup where id = ?", id)).containsEntry("tier", "growth");
        assertThat(kafka.since(mark2)).isEmpty();
    }

    @Test
    void aStartupSeesOnlyItsOwnCreditsAndCannotPost() {
        UUID mine = Api.startup();
        UUID theirs = Api.startup();
        Api.as(mine).get("/api/startups/" + mine + "/credits").then().statusCode(200);
        Api.as(mine).get("/api/startups/" + mine).then().statusCode(200);
        Api.as(mine).get("/api/startups/" + theirs + "/credits").then().statusCode(403);
        Api.as(mine).get("/api/startups/" + theirs + "/credits/ledger").then().statusCode(403);
        Api.as(mine).get("/api/startups/" + theirs).then().statusCode(403);
        Api.as(mine)
                .body(Map.of("amount", 100))
                .post("/api/startups/" + mine + "/credits/allocations")
                .then()
                .statusCode(403);
        Api.as(mine).get("/api/startups").then().statusCode(403);
        assertThat(db.count("select count(*) from credit_ledger_entry where startup_id = ?", mine))
                .isZero();
    }

    @Test
    void monthlyAllotmentsAreGrantedOncePerMonth() {
        UUID growth = Api.startup("Grower " + UUID.randomUUID(), List.of("energy"), "growth");
        admin().body(Map.of("month", "2031-01"))
                .post("/api/credits/monthly-allotments")
                .then()
                .statusCode(200)
                .body("month", equalTo("2031-01"));
        admin().body(Map.of("month", "2031-01"))
                .post("/api/credits/monthly-allotments")
                .then()
                .statusCode(200)
                .body("granted", equalTo(0));
        assertThat(db.row(
                        "select count(*) as n, sum(amount) as total from credit_ledger_entry where startup_id = ? and reference = 'allotment:2031-01'",
                        growth))
                .containsEntry("n", 1L)
                .containsEntry("total", BigDecimal.valueOf(50));
        admin().body(Map.of("month", "January"))
                .post("/api/credits/monthly-allotments")
                .then()
                .statusCode(400)
                .body("fields.month", notNullValue());
    }

    @Test
    void theLedgerIsAppendOnly() {
        UUID id = Api.startup();
        Api.allocate(id, 3);
        assertThatThrownBy(() -> db.execute("update credit_ledger_entry set amount = 300 where startup_id = ?", id))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.execute("delete from credit_ledger_entry where startup_id = ?", id))
                .hasMessageContaining("append-only");
    }
}
