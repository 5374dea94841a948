package org.civstart.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.civstart.events.EventType;
import org.civstart.gateway.feed.GatewayEvent;
import org.civstart.gateway.feed.Layout;
import org.civstart.gateway.feed.Position;
import org.civstart.gateway.protocol.Frames;
import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.session.Session;
import org.civstart.gateway.session.WireFrames;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A replay merges partitions by event time, keeps each partition's order, sends only what the
 * audience rule and the filter allow, and leaves the cursor after everything it looked at — each
 * frame's position is where to resume after it.
 */
class ReplaysTest {

    private static final Layout LAYOUT =
            new Layout(List.of(new TopicPartition("credits", 0), new TopicPartition("credits", 1)));
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static GatewayEvent credits(int partition, long offset, int second, String startup, EventType type) {
        return new GatewayEvent(
                partition,
                offset,
                "id-" + partition + "-" + offset,
                type,
                T0.plusSeconds(second),
                startup,
                "admin,startup",
                null,
                null,
                null,
                null,
                "{\"n\":" + second + "}",
                null);
    }

    private final List<JsonNode> sent = new ArrayList<>();

    private long replay(Subscription sub, List<List<GatewayEvent>> lists, long[] cursor) throws Exception {
        return Replays.merge(
                sub,
                lists,
                cursor,
                LAYOUT,
                frame -> {
                    try {
                        sent.add(Frames.JSON.readTree(WireFrames.payload(frame)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        frame.release();
                    }
                    return true;
                },
                null);
    }

    private static Subscription client(String startup) {
        return new Subscription(
                new Session(Endpoint.CLIENT, startup, "u-" + startup, 0, (c, r) -> {}, null, 1, s -> {}, () -> {}),
                null);
    }

    @Test
    void mergesByTimeKeepsPartitionOrderAndSkipsWhatIsNotForTheClient() throws Exception {
        List<List<GatewayEvent>> lists = List.of(
                List.of(
                        credits(0, 5, 1, "s1", EventType.CREDITS_UPDATED),
                        credits(0, 6, 4, "s2", EventType.CREDITS_UPDATED),
                        credits(0, 7, 5, "s1", EventType.CREDITS_DEDUCTED)),
                List.of(
                        credits(1, 3, 2, "s1", EventType.CREDITS_UPDATED),
                        credits(1, 4, 3, "s1", EventType.CREDITS_ALLOCATED)));
        Subscription sub = client("s1");
        sub.ownFilter(new Filter(List.of("credits:updated", "credits:deducted"), Set.of(), Set.of()));
        long[] cursor = {5, 3};

        assertThat(replay(sub, lists, cursor)).isEqualTo(3);

        assertThat(sent).extracting(f -> f.path("data").path("n").asInt()).containsExactly(1, 2, 5);
        assertThat(cursor).as("past everything looked at, sent or not").containsExactly(8, 5);
        // each frame's position resumes right after it
        assertThat(Position.toVector(
                        LAYOUT, Position.decode(sent.get(0).path("position").asText())))
                .containsExactly(6, 3);
        assertThat(Position.toVector(
                        LAYOUT, Position.decode(sent.get(1).path("position").asText())))
                .containsExactly(6, 4);
        assertThat(Position.toVector(
                        LAYOUT, Position.decode(sent.get(2).path("position").asText())))
                .containsExactly(8, 5);
    }

    @Test
    void eventsBeforeTheCursorAreNotSentAgain() throws Exception {
        // credits:deducted has no legacy alias: one frame per event
        List<List<GatewayEvent>> lists = List.of(
                List.of(
                        credits(0, 5, 1, "s1", EventType.CREDITS_DEDUCTED),
                        credits(0, 6, 2, "s1", EventType.CREDITS_DEDUCTED)),
                List.of());
        long[] cursor = {6, 0};
        replay(client("s1"), lists, cursor);
        assertThat(sent).extracting(f -> f.path("id").asText()).containsExactly("id-0-6");
    }
}
