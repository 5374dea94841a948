package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.signal.support.Api.admin;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.payload.PublicSignalData;
import org.civstart.signal.support.Api;
import org.civstart.testing.KafkaLog;
import org.civstart.testing.KafkaLog.Ev;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Startups see what they may see, live: a change of a public field of a pool signal reaches every
 * startup as signal:updated (signal.pool-updated), of an assigned signal each assigned startup
 * (signal.assignee-updated); both carry the public fields only. Admins keep the full signal.updated.
 */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class PublicSignalEventsTest {

    private static final List<String> PUBLIC_PAYLOAD = Arrays.stream(PublicSignalData.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();

    private final KafkaLog kafka = Api.published();

    @Test
    void aChangeToAPoolSignalReachesEveryStartupWithItsPublicFieldsOnly() {
        UUID signal = Api.signalIn("published", 5);
        var mark = kafka.mark();
        int version = admin().body(Map.of(
                        "title",
                        "Pool signal, new title",
                        "poolCost",
                        8,
                        "dueDate",
                        "2031-09-30",
                        "tags",
                        List.of("urgent")))
                .patch("/api/signals/" + signal)
                .then()
                .statusCode(200)
                .extract()
                .path("version");

        List<Ev> events = kafka.since(mark);
        assertThat(events).extracting(Ev::type).containsExactlyInAnyOrder("signal.updated", "signal.pool-updated");
        Ev forAdmins = KafkaLog.of(events, EventType.SIGNAL_UPDATED).get(0);
        assertThat(forAdmins.audience()).isEqualTo("admin");
        assertThat(forAdmins.data().has("status")).isTrue();
        Ev forStartups = KafkaLog.of(events, EventType.SIGNAL_POOL_UPDATED).get(0);
        assertThat(forStartups.audience()).isEqualTo("startups");
        assertThat(forStartups.startupId()).isNull();
        assertPublicOnly(forStartups);
        assertThat(forStartups.text("title")).isEqualTo("Pool signal, new title");
        assertThat(forStartups.data().get("poolCost").asInt()).isEqualTo(8);
        assertThat(forStartups.text("dueDate")).isEqualTo("2031-09-30");
        assertThat(forStartups.data().get("inPool").asBoolean()).isTrue();
        assertThat(forStartups.data().get("version").asInt()).isEqualTo(version);
        assertThat(forStartups.data().get("changedFields").toString())
                .isEqualTo("[\"title\",\"tags\",\"poolCost\",\"dueDate\"]");

        // leaving the pool is signal:removed (public fields too), not an update of the public fields
        var mark2 = kafka.mark();
        Api.transition(signal, "removed");
        List<Ev> removal = kafka.since(mark2);
        assertThat(removal)
                .extracting(Ev::type)
                .containsExactlyInAnyOrder("signal.status-changed", "signal.updated", "signal.removed");
        Ev removed = KafkaLog.of(removal, EventType.SIGNAL_REMOVED).get(0);
        assertThat(removed.audience()).isEqualTo("admin,startups");
        assertPublicOnly(removed);
        assertThat(removed.data().get("inPool").asBoolean()).isFalse();
    }

    @Test
    void aChangeToAnAssignedSignalReachesEachOfItsStartupsAndNoOther() {
        UUID signal = Api.signalIn("approved", 0);
        UUID a = Api.startup();
        UUID b = Api.startup();
        UUID notAssigned = Api.startup();
        admin().body(Map.of("startupIds", List.of(a, b)))
                .post("/api/signals/" + signal + "/assignments")
                .then()
                .statusCode(201);
        var mark = kafka.mark();
        admin().body(Map.of("summary", "New scope", "sectors", List.of("energy", "water")))
                .patch("/api/signals/" + signal)
                .then()
                .statusCode(200);

        List<Ev> events = kafka.since(mark);
        assertThat(events)
                .extracting(Ev::type)
                .containsExactlyInAnyOrder("signal.updated", "signal.assignee-updated", "signal.assignee-updated");
        List<Ev> forStartups = KafkaLog.of(events, EventType.SIGNAL_ASSIGNEE_UPDATED);
        assertThat(forStartups)
                .extracting(Ev::startupId)
                .containsExactlyInAnyOrder(a.toString(), b.toString())
                .doesNotContain(notAssigned.toString());
        assertThat(forStartups).allSatisfy(e -> {
            assertThat(e.audience()).isEqualTo("startup");
            assertThat(e.key()).isEqualTo(signal.toString());
            assertPublicOnly(e);
            assertThat(e.data().get("inPool").asBoolean()).isFalse();
            assertThat(e.data().get("changedFields").toString()).isEqualTo("[\"summary\",\"sectors\"]");
        });
    }

    @Test
    void aStatusChangeAloneTellsStartupsNothingNew() {
        UUID signal = Api.signalIn("pending_review", 0);
        var mark = kafka.mark();
        Api.transition(signal, "approved");
        List<String> types =
                new ArrayList<>(kafka.since(mark).stream().map(Ev::type).toList());
        assertThat(types).containsExactlyInAnyOrder("signal.status-changed", "signal.updated");
    }

    /** Exactly the public fields: nothing internal (status, source, Airtable record id) ever reaches a startup. */
    private static void assertPublicOnly(Ev e) {
        List<String> keys = new ArrayList<>();
        e.data().fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .as(e.type())
                .containsExactlyInAnyOrderElementsOf(PUBLIC_PAYLOAD)
                .doesNotContain("status", "previousStatus", "source", "airtableRecordId");
    }
}
