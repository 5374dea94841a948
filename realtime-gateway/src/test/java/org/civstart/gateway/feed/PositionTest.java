package org.civstart.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The resume token names partitions explicitly, so any replica (any layout) reads it the same. */
class PositionTest {

    private static final TopicPartition SIGNALS_0 = new TopicPartition("signals", 0);
    private static final TopicPartition SIGNALS_1 = new TopicPartition("signals", 1);
    private static final TopicPartition CREDITS_2 = new TopicPartition("credits", 2);

    @Test
    void roundTripsAcrossLayoutsOfDifferentShape() {
        Layout mine = new Layout(List.of(SIGNALS_0, SIGNALS_1, CREDITS_2));
        String token = Position.encode(mine, new long[] {42, 0, 1_000_000_007L});

        assertThat(Position.decode(token)).isEqualTo(Map.of(SIGNALS_0, 42L, CREDITS_2, 1_000_000_007L));
        // another replica lists the partitions in another order, and has one more
        Layout theirs = new Layout(List.of(CREDITS_2, new TopicPartition("metrics", 0), SIGNALS_0, SIGNALS_1));
        assertThat(Position.toVector(theirs, Position.decode(token))).containsExactly(1_000_000_007L, 0, 42, 0);
    }

    @Test
    void refusesWhatIsNotAPosition() {
        assertThatThrownBy(() -> Position.decode("garbage!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Position.decode("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Position.decode("AgE")).isInstanceOf(IllegalArgumentException.class); // version 2
        String valid = Position.encode(new Layout(List.of(SIGNALS_0)), new long[] {5});
        assertThatThrownBy(() -> Position.decode(valid + "AA")).isInstanceOf(IllegalArgumentException.class);
    }
}
