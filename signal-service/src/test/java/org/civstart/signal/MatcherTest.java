package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.civstart.signal.domain.Tier;
import org.civstart.signal.match.Matcher;
import org.civstart.signal.match.Matcher.Candidate;
import org.civstart.signal.match.Matcher.Scored;
import org.civstart.signal.match.Matcher.SignalProfile;
import org.junit.jupiter.api.Test;

/** The scoring rules, without a server: what an admin reads in the reasons is what was counted. */
class MatcherTest {

    private static final SignalProfile SIGNAL = new SignalProfile(
            List.of("energy", "defense"),
            List.of("drone", "battery"),
            "Battery storage for forward bases",
            "Drone charging in the field");

    @Test
    void scoresSectorsKeywordsAndTierWithReasons() {
        Candidate both = new Candidate(UUID.randomUUID(), "Voltwing", List.of("Energy", "Defense"), Tier.STARTER);
        Candidate keyword = new Candidate(UUID.randomUUID(), "Drone Works", List.of("robotics"), Tier.ENTERPRISE);
        Candidate unrelated = new Candidate(UUID.randomUUID(), "Paperless", List.of("fintech"), Tier.ENTERPRISE);
        List<Scored> ranked = Matcher.rank(SIGNAL, List.of(unrelated, keyword, both), 10);

        assertThat(ranked).extracting(s -> s.startup().name()).containsExactly("Voltwing", "Drone Works");
        assertThat(ranked.get(0).score()).isEqualTo(6.0);
        assertThat(ranked.get(0).reasons()).containsExactly("sector: defense", "sector: energy");
        assertThat(ranked.get(1).score()).isEqualTo(1.5);
        assertThat(ranked.get(1).reasons()).containsExactly("keyword: drone", "tier: enterprise");
    }

    @Test
    void sameInputSameOrderTiesByNameThenTopN() {
        Candidate b = new Candidate(
                UUID.fromString("00000000-0000-0000-0000-000000000002"), "Beta", List.of("energy"), Tier.GROWTH);
        Candidate a = new Candidate(
                UUID.fromString("00000000-0000-0000-0000-000000000001"), "alpha", List.of("energy"), Tier.GROWTH);
        Candidate c = new Candidate(UUID.randomUUID(), "Gamma", List.of("energy"), Tier.STARTER);
        List<Scored> first = Matcher.rank(SIGNAL, List.of(c, b, a), 2);
        List<Scored> again = Matcher.rank(SIGNAL, List.of(a, c, b), 2);
        assertThat(first).extracting(s -> s.startup().name()).containsExactly("alpha", "Beta");
        assertThat(again).isEqualTo(first);
        assertThat(first.get(0).score()).isEqualTo(3.25);
    }
}
