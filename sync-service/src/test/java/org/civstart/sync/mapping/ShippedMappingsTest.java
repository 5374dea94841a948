package org.civstart.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civstart.events.WireEnum;
import org.civstart.peer.airtable.DemoBase;
import org.civstart.sync.SyncConfig;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The table mappings the platform ships are ones this service accepts, and each maps every kind
 * with every field of the kind: the Kubernetes base (production) and dev overlay, and the local
 * stack's demo base.
 */
class ShippedMappingsTest {

    private static final Path DEPLOY = Path.of("..", "deploy", "k8s");
    private static final Pattern KEY = Pattern.compile(
            "civstart\\.sync\\.airtable\\.tables\\.(tbl[A-Za-z0-9]{14})\\.(kind|fields\\.(fld[A-Za-z0-9]{14}))");

    @Test
    void theKubernetesOverlaysMapEveryKindCompletely() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        String base = null;
        for (JsonNode doc : yaml.readValues(
                        yaml.createParser(
                                DEPLOY.resolve("base/apps/sync-service.yaml").toFile()),
                        JsonNode.class)
                .readAll()) {
            if ("sync-service-airtable-tables"
                    .equals(doc.path("metadata").path("name").asText())) {
                base = doc.path("data").path("airtable-tables.properties").asText();
            }
        }
        assertComplete("deploy base (prod)", properties(base));
        String dev = null;
        for (JsonNode patch : yaml.readTree(
                        DEPLOY.resolve("overlays/dev/kustomization.yaml").toFile())
                .path("patches")) {
            if ("sync-service-airtable-tables"
                    .equals(patch.path("target").path("name").asText())) {
                dev = yaml.readTree(patch.path("patch").asText())
                        .get(0)
                        .path("value")
                        .asText();
            }
        }
        assertComplete("dev overlay", properties(dev));
    }

    @Test
    void theLocalStacksDemoBaseMapsEveryKindCompletely() {
        Properties p = new Properties();
        p.putAll(DemoBase.syncServiceProperties());
        assertComplete("local stack", p);
    }

    private static Properties properties(String text) throws IOException {
        assertThat(text).as("mapping file").isNotBlank();
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    /** Ids look like Airtable's, every kind has one table, every field of the kind is mapped, and Mappings accepts it. */
    private static void assertComplete(String where, Properties p) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = KEY.matcher(key);
            assertThat(m.matches()).as(where + ": " + key).isTrue();
            if (m.group(3) == null) {
                kinds.put(
                        m.group(1),
                        WireEnum.find(Kind.class, p.getProperty(key)).orElseThrow());
            } else {
                fields.computeIfAbsent(m.group(1), t -> new LinkedHashMap<>()).put(m.group(3), p.getProperty(key));
            }
        }
        assertThat(kinds.values()).as(where + " kinds").containsExactlyInAnyOrder(Kind.values());
        Map<String, SyncConfig.TableMapping> tables = new LinkedHashMap<>();
        kinds.forEach((table, kind) -> {
            Map<String, String> mapped = fields.getOrDefault(table, Map.of());
            assertThat(mapped.values())
                    .as(where + " " + kind + " fields")
                    .containsExactlyInAnyOrderElementsOf(kind.fields().keySet());
            tables.put(table, new SyncConfig.TableMapping() {
                @Override
                public Kind kind() {
                    return kind;
                }

                @Override
                public Map<String, String> fields() {
                    return mapped;
                }
            });
        });
        assertThat(fields.keySet()).as(where + ": fields of unmapped tables").isSubsetOf(kinds.keySet());
        assertThat(Mappings.build(tables)).hasSize(Arrays.asList(Kind.values()).size());
    }
}
