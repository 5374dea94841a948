package org.civstart.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.civstart.gateway.feed.GatewayEvent;
import org.junit.jupiter.api.Test;

/** Event patterns, and the filter an admin's saved preferences and a connection's subscribe make together. */
class FilterTest {

    private static Filter events(String... patterns) {
        return new Filter(List.of(patterns), Set.of(), Set.of());
    }

    @Test
    void equalFiltersAreOneSharedInstanceAndAnEmptyOneIsAll() {
        Filter a = Filter.of(List.of("credits:updated", "signal:*"), Set.of(), Set.of("s-1"));
        Filter b = Filter.of(new ArrayList<>(List.of("credits:updated", "signal:*")), Set.of(), Set.of("s-1"));
        assertThat(b).isSameAs(a);
        assertThat(Filter.of(List.of("credits:updated"), Set.of(), Set.of())).isNotSameAs(a);
        assertThat(Filter.of(List.of(), Set.of(), Set.of())).isSameAs(Filter.ALL);
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
        assertThat(Filter.intersect(
                        new Filter(List.of(), Set.of("s1"), Set.of()), new Filter(List.of(), Set.of("s2"), Set.of())))
                .isNull();
    }

    @Test
    void startupsAndSignalsDoNotHideWhatIsAddressedToTheUser() {
        Filter followsTwo = new Filter(List.of(), Set.of("s1", "s2"), Set.of("sig1"));
        GatewayEvent otherStartup = event("s3", null, "sig1");
        GatewayEvent ownCount = event(null, "admin-7", null);
        assertThat(followsTwo.accepts("credits:updated", otherStartup)).isFalse();
        assertThat(followsTwo.accepts("credits:updated", event("s1", null, "sig1")))
                .isTrue();
        assertThat(followsTwo.accepts("notification:countChanged", ownCount)).isTrue();
        // the event patterns still apply to it
        Filter onlySignals = new Filter(List.of("signal:*"), Set.of("s1"), Set.of());
        assertThat(onlySignals.accepts("notification:countChanged", ownCount)).isFalse();
    }

    private static GatewayEvent event(String startupId, String userId, String signalId) {
        return new GatewayEvent(0, 1, "id", null, null, startupId, null, userId, signalId, null, null, "{}", null);
    }
}
