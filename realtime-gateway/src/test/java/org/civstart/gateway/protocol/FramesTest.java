package org.civstart.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON of the frames the gateway sends. */
class FramesTest {

    private static final Instant T = Instant.parse("2026-11-23T20:17:54.576Z");

    @Test
    void anEventFrameEmbedsThePayloadAndCarriesActorAndCorrelationIdOnlyWhenKnown() throws Exception {
        JsonNode with = Frames.JSON.readTree(
                Frames.event("credits:updated", "id-1", "AQE", T, "admin-\"1\"", "req-42", "{\"balance\":7}"));
        assertThat(with.path("event").asText()).isEqualTo("credits:updated");
        assertThat(with.path("id").asText()).isEqualTo("id-1");
        assertThat(with.path("position").asText()).isEqualTo("AQE");
        assertThat(with.path("time").asText()).isEqualTo("2026-11-23T20:17:54.576Z");
        assertThat(with.path("actor").asText()).isEqualTo("admin-\"1\"");
        assertThat(with.path("correlationId").asText()).isEqualTo("req-42");
        assertThat(with.path("data").path("balance").asInt()).isEqualTo(7);

        JsonNode without = Frames.JSON.readTree(Frames.event("credits:updated", "id-1", "AQE", T, null, null, "{}"));
        assertThat(without.has("actor")).isFalse();
        assertThat(without.has("correlationId")).isFalse();
    }

    @Test
    void aSystemFrameEscapesWhatItEchoes() throws Exception {
        JsonNode f = Frames.JSON.readTree(Frames.system(Frames.WELCOME, "a\"b", Map.of("k", "v")));
        assertThat(f.path("event").asText()).isEqualTo("system:welcome");
        assertThat(f.path("position").asText()).isEqualTo("a\"b");
        assertThat(f.path("data").path("k").asText()).isEqualTo("v");
        assertThat(Frames.JSON
                        .readTree(Frames.system(Frames.SUBSCRIBED, null, Map.of()))
                        .has("position"))
                .isFalse();
        assertThat(Frames.JSON
                        .readTree(Frames.error("unknown-op", "no"))
                        .path("data")
                        .path("code")
                        .asText())
                .isEqualTo("unknown-op");
    }
}
