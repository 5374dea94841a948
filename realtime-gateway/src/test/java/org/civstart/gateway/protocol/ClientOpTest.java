package org.civstart.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What clients may send, and the error code each mistake gets. */
class ClientOpTest {

    @Test
    void readsTheThreeOperations() throws Exception {
        assertThat(ClientOp.parse("{\"op\":\"resume\",\"position\":\"AQE\"}", false))
                .isEqualTo(new ClientOp.Resume("AQE"));
        assertThat(ClientOp.parse("{\"op\":\"ping\"}", false)).isEqualTo(new ClientOp.Ping());
        assertThat(ClientOp.parse(
                        "{\"op\":\"subscribe\",\"events\":[\"signal:*\",\"credits:updated\"],\"startups\":[\"s1\",\"s1\"]}",
                        true))
                .isEqualTo(new ClientOp.Subscribe(List.of("signal:*", "credits:updated"), Set.of("s1"), Set.of()));
        assertThat(ClientOp.parse("{\"op\":\"subscribe\"}", false))
                .isEqualTo(new ClientOp.Subscribe(List.of(), Set.of(), Set.of()));
    }

    @Test
    void namesWhatIsWrong() {
        assertCode("not json", false, "malformed-json");
        assertCode("[1,2]", false, "malformed-frame");
        assertCode("{\"op\":3}", false, "malformed-frame");
        assertCode("{\"op\":\"dance\"}", false, "unknown-op");
        assertCode("{\"op\":\"resume\"}", false, "invalid-resume");
        assertCode("{\"op\":\"resume\",\"position\":\"\"}", false, "invalid-resume");
        assertCode("{\"op\":\"subscribe\",\"events\":[\"sig*nal*\"]}", false, "invalid-subscription");
        assertCode("{\"op\":\"subscribe\",\"events\":\"signal:*\"}", false, "invalid-subscription");
        assertCode("{\"op\":\"subscribe\",\"events\":[1]}", false, "invalid-subscription");
        // only admins filter by startup or signal: a startup's room comes from its token
        assertCode("{\"op\":\"subscribe\",\"startups\":[\"s1\"]}", false, "invalid-subscription");
        assertCode("{\"op\":\"subscribe\",\"signals\":[\"x\"]}", false, "invalid-subscription");
    }

    private static void assertCode(String frame, boolean admin, String code) {
        assertThatThrownBy(() -> ClientOp.parse(frame, admin))
                .isInstanceOfSatisfying(
                        ClientOp.Invalid.class,
                        e -> assertThat(e.code()).as(frame).isEqualTo(code));
    }

    @Test
    void patternsAreNamesOrPrefixes() {
        assertThat(ClientOp.validPattern("signal:*")).isTrue();
        assertThat(ClientOp.validPattern("credits:updated")).isTrue();
        assertThat(ClientOp.validPattern("*")).isTrue();
        assertThat(ClientOp.validPattern("sig*nal*")).isFalse();
        assertThat(ClientOp.validPattern("signal:*x")).isFalse();
        assertThat(ClientOp.validPattern("")).isFalse();
        assertThat(ClientOp.validPattern(null)).isFalse();
    }
}
