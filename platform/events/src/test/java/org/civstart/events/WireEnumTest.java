package org.civstart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class WireEnumTest {

    enum Channel implements WireEnum {
        IN_APP,
        EMAIL,
        PENDING_REVIEW
    }

    record Message(Channel channel, List<Channel> copies) {}

    @Test
    void wireNameIsTheConstantsNameInLowerCase() {
        assertThat(Channel.IN_APP.wireName()).isEqualTo("in_app");
        assertThat(WireEnum.wireName(Channel.PENDING_REVIEW)).isEqualTo("pending_review");
        assertThat(WireEnum.wireName(null)).isNull();
        assertThat(WireEnum.wireNames(Channel.class)).containsExactly("in_app", "email", "pending_review");
    }

    @Test
    void findIgnoresCaseBlanksAndTakesDashForUnderscore() {
        assertThat(WireEnum.find(Channel.class, "in_app")).contains(Channel.IN_APP);
        assertThat(WireEnum.find(Channel.class, "in-app")).contains(Channel.IN_APP);
        assertThat(WireEnum.find(Channel.class, " Pending-Review ")).contains(Channel.PENDING_REVIEW);
        assertThat(WireEnum.find(Channel.class, "EMAIL")).contains(Channel.EMAIL);
        assertThat(WireEnum.find(Channel.class, "inapp")).isEmpty();
        assertThat(WireEnum.find(Channel.class, null)).isEmpty();
    }

    @Test
    void jacksonWritesTheWireName() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String written = json.writeValueAsString(new Message(Channel.IN_APP, List.of(Channel.PENDING_REVIEW)));
        assertThat(json.readValue(written, Map.class))
                .isEqualTo(Map.of("channel", "in_app", "copies", List.of("pending_review")));
        assertThat(json.readValue(written, Message.class))
                .isEqualTo(new Message(Channel.IN_APP, List.of(Channel.PENDING_REVIEW)));
    }
}
