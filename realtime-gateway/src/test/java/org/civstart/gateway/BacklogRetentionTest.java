package org.civstart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.gateway.feed.Backlog;
import org.civstart.gateway.feed.Feed;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.RealKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A replay's read of Kafka ({@link Backlog}) when retention deletes the records it is about to read,
 * after it checked they were there: the read fails (the client is then told to resync) instead of
 * jumping to the end of the partition as if nothing had been missed.
 */
@QuarkusTest
@WithTestResource(RealKafka.class)
class BacklogRetentionTest {

    @Inject
    Feed feed;

    @Test
    void recordsDeletedAfterTheReadOpenedFailItRatherThanLeaveASilentGap() throws Exception {
        UUID startup = UUID.randomUUID();
        try (Admin admin = Infrastructure.kafka().admin()) {
            Map<TopicPartition, Long> before = ends(admin);
            for (int i = 0; i < 60; i++) { // more than the 40 per partition the test profile keeps in memory
                TestEvents.publish(
                        EventType.CREDITS_ALLOCATED,
                        startup.toString(),
                        startup,
                        Map.of("startupId", startup.toString(), "balance", i));
            }
            Map<TopicPartition, Long> after = ends(admin);
            TopicPartition tp = before.keySet().stream()
                    .filter(t -> after.get(t) > before.get(t))
                    .findFirst()
                    .orElseThrow();
            int p = feed.layout().indexOf(tp);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> feed.history(p).next() >= after.get(tp));
            long[] cursor = new long[feed.layout().size()];
            cursor[p] = before.get(tp);
            assertThat(cursor[p])
                    .as("the gap lies below memory")
                    .isLessThan(feed.history(p).oldest());

            try (Backlog backlog = Backlog.open(feed, "backlog-retention-test", cursor, List.of(p))) {
                assertThat(backlog)
                        .as("Kafka still holds the gap when the read opens")
                        .isNotNull();
                admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(after.get(tp))))
                        .all()
                        .get();
                assertThat(backlog.next(Duration.ofSeconds(10)))
                        .as("retention deleted the gap meanwhile: no batch, the replay resyncs the client")
                        .isNull();
            }
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Infrastructure.TEST_PARTITIONS; p++) {
            latest.put(new TopicPartition("credits", p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
