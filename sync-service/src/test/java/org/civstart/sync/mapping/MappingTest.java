package org.civstart.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.civstart.sync.SyncConfig;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Cell values in both of Airtable's shapes (webhook payloads: V2 objects; records API: plain) normalize alike. */
class MappingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void selectsCollaboratorsAndLinksGiveTheSameValueInBothShapes() {
        assertThat(FieldType.TEXT.normalize(json("{\"id\":\"sel1\",\"name\":\"Health\",\"color\":\"red\"}")))
                .isEqualTo("Health");
        assertThat(FieldType.TEXT.normalize(json("\"Health\""))).isEqualTo("Health");
        assertThat(FieldType.TEXT.normalize(json("[{\"name\":\"A\"},{\"name\":\"B\"}]")))
                .isEqualTo("A, B");
        assertThat(FieldType.TEXT.normalize(json("42"))).isEqualTo("42");
        assertThat(FieldType.TEXT.normalize(null)).isNull();

        assertThat(FieldType.LIST_OF_STRINGS.normalize(
                        json("[{\"id\":\"s\",\"name\":\"Climate\"},{\"id\":\"t\",\"name\":\"IoT\"}]")))
                .isEqualTo(List.of("Climate", "IoT"));
        assertThat(FieldType.LIST_OF_STRINGS.normalize(json("[\"Climate\",\"IoT\"]")))
                .isEqualTo(List.of("Climate", "IoT"));
        assertThat(FieldType.LIST_OF_STRINGS.normalize(json("\"Climate\""))).isEqualTo(List.of("Climate"));
        assertThat(FieldType.LIST_OF_STRINGS.normalize(json("null"))).isEqualTo(List.of());

        assertThat(FieldType.LINK.normalize(json("[{\"id\":\"recA\",\"name\":\"Acme\"}]")))
                .isEqualTo("recA");
        assertThat(FieldType.LINK.normalize(json("[\"recA\",\"recB\"]"))).isEqualTo("recA");
        assertThat(FieldType.LINK.normalize(json("[]"))).isNull();
    }

    @Test
    void numbersDatesAndTiers() {
        assertThat(FieldType.INTEGER.normalize(json("5"))).isEqualTo(5L);
        assertThat(FieldType.INTEGER.normalize(json("4.6"))).isEqualTo(5L);
        assertThat(FieldType.INTEGER.normalize(json("\"12\""))).isEqualTo(12L);
        assertThat(FieldType.INTEGER.normalize(json("\"twelve\""))).isNull();

        assertThat(FieldType.DATE.normalize(json("\"2025-03-01\""))).isEqualTo("2025-03-01");
        assertThat(FieldType.DATE.normalize(json("\"2025-03-01T23:30:00.000-05:00\"")))
                .isEqualTo("2025-03-02");
        assertThat(FieldType.DATE.normalize(json("\"soon\""))).isNull();

        assertThat(FieldType.TIER.normalize(json("{\"id\":\"sel\",\"name\":\"Growth\"}")))
                .isEqualTo("growth");
        assertThat(FieldType.TIER.normalize(json("\" ENTERPRISE \""))).isEqualTo("enterprise");
        assertThat(FieldType.TIER.normalize(json("\"Platinum\""))).isNull();
    }

    @Test
    void aMappingToAFieldTheKindDoesNotHaveStopsTheService() {
        SyncConfig.TableMapping bad = new SyncConfig.TableMapping() {
            @Override
            public Kind kind() {
                return Kind.SIGNAL;
            }

            @Override
            public Map<String, String> fields() {
                return Map.of("fldA", "title", "fldB", "pool_cost");
            }
        };
        assertThatThrownBy(() -> Mappings.build(Map.of("tblX", bad)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fldB=pool_cost")
                .hasMessageContaining("poolCost");
    }

    @Test
    void aFullRecordHasEveryMappedFieldAChangeOnlyTheChangedOnes() {
        SyncConfig.TableMapping startups = new SyncConfig.TableMapping() {
            @Override
            public Kind kind() {
                return Kind.STARTUP;
            }

            @Override
            public Map<String, String> fields() {
                return Map.of("fldName", "name", "fldSectors", "sectors", "fldTier", "tier");
            }
        };
        Mappings.TableMapping t = Mappings.build(Map.of("tblS", startups)).get("tblS");
        assertThat(t.mapFull(Map.of("fldName", json("\"FloodWatch\""), "fldOther", json("1"))))
                .containsEntry("name", "FloodWatch")
                .containsEntry("sectors", List.of())
                .containsEntry("tier", null)
                .hasSize(3);
        assertThat(t.map(Map.of("fldTier", json("\"Starter\""), "fldOther", json("1"))))
                .isEqualTo(Map.of("tier", "starter"));
    }
}
