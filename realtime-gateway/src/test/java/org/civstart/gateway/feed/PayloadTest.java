package org.civstart.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the feed reads of a payload: one JSON object (anything else is not delivered) and its
 * top-level {@code signalId}, which admin filters match on.
 */
class PayloadTest {

    @Test
    void findsTheTopLevelSignalId() throws Exception {
        assertThat(Feed.signalIdOf("{\"signalId\":\"s-1\",\"startupId\":\"st-1\"}"))
                .isEqualTo("s-1");
        assertThat(Feed.signalIdOf(
                        "{\"before\":{\"signalId\":\"nested\"},\"signalId\":\"s-2\",\"after\":[1,{\"a\":2}]}"))
                .as("nested objects and arrays are skipped, not mistaken for the top level")
                .isEqualTo("s-2");
        assertThat(Feed.signalIdOf("{\"match\":{\"signalId\":\"nested\"}}")).isNull();
        assertThat(Feed.signalIdOf("{}")).isNull();
        assertThat(Feed.signalIdOf("{\"signalId\":null}")).isNull();
        assertThat(Feed.signalIdOf("{\"signalId\":42}")).isEqualTo("42");
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String bad : new String[] {"[1,2]", "\"text\"", "42", "{\"a\":", "{\"a\":1} {}", "not json", ""}) {
            assertThatThrownBy(() -> Feed.signalIdOf(bad)).as(bad).isInstanceOf(Exception.class);
        }
        assertThatThrownBy(() -> Feed.signalIdOf(null)).isInstanceOf(RuntimeException.class);
    }
}
