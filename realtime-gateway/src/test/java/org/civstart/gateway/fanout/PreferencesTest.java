package org.civstart.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Records of the compacted preferences topic: the latest per admin wins, a tombstone deletes. */
class PreferencesTest {

    private static long offset;

    private static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>("preferences", 0, offset++, key, value);
    }

    @Test
    void theLatestRecordPerAdminWinsAndATombstoneDeletes() {
        Preferences p = new Preferences();
        String startup = "7d1f0c1e-0000-4000-8000-000000000001";
        assertThat(p.apply(record("ada", "{\"userId\":\"ada\",\"events\":[\"signal:*\"],\"startups\":[\"" + startup
                + "\"],\"signals\":[],\"version\":1,\"updatedAt\":\"2026-11-25T10:00:00Z\"}"))).isEqualTo("ada");
        assertThat(p.of("ada").filter()).isEqualTo(new Filter(List.of("signal:*"), Set.of(startup), Set.of()));
        assertThat(p.of("ada").data().version()).isEqualTo(1);

        p.apply(record("ada", "{\"userId\":\"ada\",\"events\":[],\"startups\":[],\"signals\":[],\"version\":2,\"updatedAt\":\"2026-11-25T10:01:00Z\"}"));
        assertThat(p.of("ada").filter()).isEqualTo(Filter.ALL);
        assertThat(p.of("bob")).isNull();

        assertThat(p.apply(record("ada", null))).isEqualTo("ada");
        assertThat(p.of("ada")).isNull();
    }

    @Test
    void anUnreadableRecordKeepsWhatWasThere() {
        Preferences p = new Preferences();
        p.apply(record("ada", "{\"userId\":\"ada\",\"events\":[\"credits:*\"],\"version\":1}"));
        assertThat(p.apply(record("ada", "not json"))).isNull();
        assertThat(p.of("ada").filter().events()).containsExactly("credits:*");
        assertThat(p.apply(record(null, "{}"))).isNull();
    }
}
