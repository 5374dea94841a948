package org.civstart.testing;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaLog} against the test JVM's real broker and PostgreSQL, with a stand-in for the outbox
 * relay that publishes a committed row late and deletes it only then.
 */
class KafkaLogTest {

    private static Db db;

    @BeforeAll
    static void outbox() {
        db = Infrastructure.database("kafka_log_test");
        db.execute("create table outbox (seq bigint generated always as identity, id uuid primary key)");
    }

    @Test
    void sinceWaitsForTheOutboxAndReturnsOnlyWhatCameAfterTheMark() throws Exception {
        KafkaLog log = KafkaLog.on(db);
        publish(EventType.CREDITS_UPDATED, "before");
        KafkaLog.Mark mark = log.mark();

        UUID row = UUID.randomUUID();
        db.execute("insert into outbox (id) values (?)", row);
        CompletableFuture<Void> relay = CompletableFuture.runAsync(
                () -> {
                    publish(EventType.CREDITS_UPDATED, "after");
                    db.execute("delete from outbox where id = ?", row);
                },
                CompletableFuture.delayedExecutor(300, MILLISECONDS));

        List<KafkaLog.Ev> events = log.since(mark);
        relay.get(60, SECONDS);
        assertThat(events).extracting(KafkaLog.Ev::key).containsExactly("after");
        KafkaLog.Ev ev = events.get(0);
        assertThat(ev.is(EventType.CREDITS_UPDATED)).isTrue();
        assertThat(ev.topic()).isEqualTo(Topic.CREDITS.topicName());
        assertThat(ev.text("balance")).isEqualTo("42");
        assertThat(ev.text("missing")).isNull();
        assertThat(ev.actor()).isEqualTo("tester");
        assertThat(ev.correlationId()).isEqualTo("req-1");
    }

    @Test
    void withoutLeavesTopicsOutAndFiltersPickByTypeOrPredicate() {
        KafkaLog log =
                KafkaLog.on(db, Infrastructure.kafka().bootstrapServers()).without(Topic.AIRTABLE_SYNC);
        KafkaLog.Mark mark = log.mark();
        publish(EventType.AIRTABLE_SIGNAL_SYNCED, "consumed");
        publish(EventType.CREDITS_ALLOCATED, "a");
        publish(EventType.CREDITS_UPDATED, "a");

        List<KafkaLog.Ev> events = log.since(mark);
        assertThat(events)
                .extracting(KafkaLog.Ev::type)
                .containsExactlyInAnyOrder("credits.allocated", "credits.updated");
        assertThat(KafkaLog.of(events, EventType.CREDITS_ALLOCATED)).hasSize(1);
        assertThat(KafkaLog.where(events, e -> e.type().startsWith("credits."))).hasSize(2);
    }

    private static void publish(EventType type, String key) {
        EventPublisher.send(
                EventPublisher.event(type, key, null, Map.of("balance", 42)).withContext("tester", "req-1"));
    }
}
