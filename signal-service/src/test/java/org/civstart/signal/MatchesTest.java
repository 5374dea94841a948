package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.signal.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;

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
class MatchesTest {

    private final Db db = Db.application();
    private final KafkaLog kafka = Api.published();

    @Test
    void regeneratingStoresTheTopMatchesAndPublishesThem() {
        String u = UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String s1 = "hydro" + u;
        String s2 = "grid" + u;
        String kw = "turbine" + u;
        UUID both = Api.startup("Both " + u, List.of(s1, s2), "starter");
        UUID one = Api.startup("One " + u, List.of(s1), "enterprise");
        UUID word = Api.startup(kw + " Labs", List.of("robotics"), "growth");
        Api.startup("Nothing " + u, List.of("fintech"), "enterprise");
        UUID signal = UUID.fromString(
                admin().body(Map.of("title", "Hydropower proposals", "sectors", List.of(s1, s2), "tags", List.of(kw)))
                        .post("/api/signals")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));

        var mark = kafka.mark();
        admin().post("/api/signals/" + signal + "/matches")
                .then()
                .statusCode(200)
                .body("size()", equalTo(3))
                .body("[0].startupId", equalTo(both.toString()))
                .body("[0].rank", equalTo(1))
                .body("[0].score", equalTo(6.0f))
                .body("[1].startupId", equalTo(one.toString()))
                .body("[1].score", equalTo(3.5f))
                .body("[2].startupId", equalTo(word.toString()))
                .body("[2].reasons", equalTo(List.of("keyword: " + kw, "tier: growth")));
        admin().get("/api/signals/" + signal + "/matches")
                .then()
                .statusCode(200)
                .body("size()", equalTo(3))
                .body(
                        "[0].reasons",
                        equalTo(List.of("sector: " + s2, "sector: " + s1).stream()
                                .sorted()
                                .toList()));

        List<Ev> events = kafka.since(mark);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("signal.match-generated");
            assertThat(e.key()).isEqualTo(signal.toString());
            assertThat(e.audience()).isEqualTo("admin");
            assertThat(e.text("signalIdentifier")).startsWith("SIG-");
            assertThat(e.data().get("matches").size()).isEqualTo(3);
            assertThat(e.data().get("matches").get(0).get("startupId").asText()).isEqualTo(both.toString());
            assertThat(e.data().get("matches").get(0).get("reasons").size()).isEqualTo(2);
        });

        // the profile changes, the matcher runs again, the stored matches are replaced
        admin().body(Map.of("sectors", List.of(s1)))
                .patch("/api/signals/" + signal)
                .then()
                .statusCode(200);
        admin().post("/api/signals/" + signal + "/matches")
                .then()
                .statusCode(200)
                .body("size()", equalTo(3))
                .body("[0].startupId", equalTo(one.toString()));
        assertThat(db.count("select count(*) from signal_match where signal_id = ?", signal))
                .isEqualTo(3);
        admin().post("/api/signals/" + UUID.randomUUID() + "/matches").then().statusCode(404);
        Api.as(both).post("/api/signals/" + signal + "/matches").then().statusCode(403);
    }
}
