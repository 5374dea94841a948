package org.civstart.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Event patterns, and the filter an admin's saved preferences and a connection's subscribe make together. */
class FilterTest {

    private static Filter events(String... patterns) {
        return new Filter(List.of(patterns), Set.of(), Set.of());
    }

    @Test
    void patternsMeetWhereBothMatch() {
        assertThat(Filter.meet("credits:*", "credits:updated")).isEqualTo("credits:updated");
        assertThat(Filter.meet("credits:updated", "credits:*")).isEqualTo("credits:updated");
        assertThat(Filter.meet("signal:*", "signal:match*")).isEqualTo("signal:match*");
        assertThat(Filter.meet("*", "signal:*")).isEqualTo("signal:*");
        assertThat(Filter.meet("credits:*", "signal:*")).isNull();
        assertThat(Filter.meet("credits:updated", "credits:deducted")).isNull();
    }

    @Test
    void intersectionKeepsWhatBothAccept() {
        assertThat(Filter.intersect(events("credits:*"), events("credits:updated", "signal:*")))
                .isEqualTo(events("credits:updated"));
        assertThat(Filter.intersect(Filter.ALL, events("signal:*"))).isEqualTo(events("signal:*"));
        assertThat(Filter.intersect(events("signal:*"), Filter.ALL)).isEqualTo(events("signal:*"));
        Filter saved = new Filter(List.of(), Set.of("s1", "s2"), Set.of());
        Filter own = new Filter(List.of("credits:*"), Set.of("s2", "s3"), Set.of());
        assertThat(Filter.intersect(saved, own)).isEqualTo(new Filter(List.of("credits:*"), Set.of("s2"), Set.of()));
    }

    @Test
    void disjointRestrictionsMatchNothing() {
        assertThat(Filter.intersect(events("credits:*"), events("signal:*"))).isNull();
        assertThat(Filter.intersect(new Filter(List.of(), Set.of("s1"), Set.of()), new Filter(List.of(), Set.of("s2"), Set.of())))
                .isNull();
    }

    @Test
    void validPatternsAreNamesOrPrefixes() {
        assertThat(Filter.validPattern("signal:*")).isTrue();
        assertThat(Filter.validPattern("credits:updated")).isTrue();
        assertThat(Filter.validPattern("*")).isTrue();
        assertThat(Filter.validPattern("sig*nal*")).isFalse();
        assertThat(Filter.validPattern("")).isFalse();
    }
}
