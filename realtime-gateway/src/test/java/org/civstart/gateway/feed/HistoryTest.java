package org.civstart.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A partition's recent events in memory: the newest N, found by offset, gaps allowed (compaction). */
class HistoryTest {

    private static GatewayEvent at(long offset) {
        return GatewayEvent.placeholder(0, offset);
    }

    @Test
    void keepsTheNewestEventsAndServesFromAnOffset() {
        History h = new History(3, 10);
        assertThat(h.oldest()).as("empty: memory starts where the feed starts").isEqualTo(10);
        for (long o = 10; o < 15; o++) {
            h.add(at(o));
        }
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.oldest()).isEqualTo(12);
        assertThat(h.next()).isEqualTo(15);
        assertThat(h.from(13, 10)).extracting(GatewayEvent::offset).containsExactly(13L, 14L);
        assertThat(h.from(12, 2)).extracting(GatewayEvent::offset).containsExactly(12L, 13L);
        assertThat(h.from(15, 10)).isEmpty();
    }

    @Test
    void aCursorBelowMemoryGetsNothingNotTheEventsAfterTheGap() {
        History h = new History(3, 10);
        for (long o = 10; o < 15; o++) {
            h.add(at(o));
        }
        // 10 and 11 were evicted: a replay worker that checked oldest() before the feed evicted them
        // must learn they are gone (and read Kafka), not be handed 12.. as if nothing were missing
        assertThat(h.from(11, 10)).as("11 evicted").isNull();
        assertThat(h.from(0, 10)).isNull();
        assertThat(h.from(12, 10)).extracting(GatewayEvent::offset).containsExactly(12L, 13L, 14L);
    }

    @Test
    void offsetsMayHaveGaps() {
        History h = new History(10, 0);
        h.add(at(2));
        h.add(at(7));
        h.add(at(8));
        assertThat(h.from(3, 10)).extracting(GatewayEvent::offset).containsExactly(7L, 8L);
        assertThat(h.next()).isEqualTo(9);
    }
}
