package org.civstart.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Records of the compacted preferences topic: the latest per admin wins, a tombstone deletes. */
class PreferencesTest {

    @Test
    void theLatestRecordPerAdminWinsAndATombstoneDeletes() {
        Preferences p = new Preferences();
        String startup = "7d1f0c1e-0000-4000-8000-000000000001";
        assertThat(p.apply(
                        "ada",
                        "{\"userId\":\"ada\",\"events\":[\"signal:*\"],\"startups\":[\"" + startup
                                + "\"],\"signals\":[],\"version\":1,\"updatedAt\":\"2026-11-25T10:00:00Z\"}",
                        null))
                .isEqualTo("ada");
        assertThat(p.of("ada").filter()).isEqualTo(new Filter(List.of("signal:*"), Set.of(startup), Set.of()));
        assertThat(p.of("ada").data().version()).isEqualTo(1);

        p.apply(
                "ada",
                "{\"userId\":\"ada\",\"events\":[],\"startups\":[],\"signals\":[],\"version\":2,\"updatedAt\":\"2026-11-25T10:01:00Z\"}",
                null);
        assertThat(p.of("ada").filter()).isEqualTo(Filter.ALL);
        assertThat(p.of("bob")).isNull();

        assertThat(p.apply("ada", null, null)).isEqualTo("ada");
        assertThat(p.of("ada")).isNull();
    }

    @Test
    void aRecordWithoutKeyIsForTheUserOfItsHeader() {
        Preferences p = new Preferences();
        assertThat(p.apply(null, "{\"userId\":\"bob\",\"events\":[\"credits:*\"],\"version\":1}", "bob"))
                .isEqualTo("bob");
        assertThat(p.of("bob").filter().events()).containsExactly("credits:*");
    }

    @Test
    void anUnreadableRecordKeepsWhatWasThere() {
        Preferences p = new Preferences();
        p.apply("ada", "{\"userId\":\"ada\",\"events\":[\"credits:*\"],\"version\":1}", null);
        assertThat(p.apply("ada", "not json", null)).isNull();
        assertThat(p.of("ada").filter().events()).containsExactly("credits:*");
        assertThat(p.apply(null, "{}", null)).isNull();
    }
}
