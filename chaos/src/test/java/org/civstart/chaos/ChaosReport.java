package org.civstart.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civstart.chaos.check.Figures;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Prints each scenario's line as it finishes and keeps its figures: a full run replaces that
 * scenario's object in {@code benchmarks/results/chaos.json} (the others stay as their last full run
 * left them); a short run writes {@code chaos/target/chaos-short.json}.
 */
final class ChaosReport {

    static final Path FULL = Path.of("..", "benchmarks", "results", "chaos.json");
    static final Path SHORT = Path.of("target", "chaos-short.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean full;
    private final List<Figures> figures = new ArrayList<>();

    ChaosReport(boolean full) {
        this.full = full;
    }

    synchronized void add(Figures f) throws IOException {
        figures.add(f);
        System.out.println(f.line());
        System.out.flush();
        write();
    }

    private void write() throws IOException {
        Path file = full ? FULL : SHORT;
        Map<String, Map<String, Object>> byScenario = new LinkedHashMap<>();
        if (full && Files.exists(file)) {
            for (Map<String, Object> old :
                    JSON.readValue(file.toFile(), new TypeReference<List<Map<String, Object>>>() {})) {
                byScenario.put(String.valueOf(old.get("scenario")), old);
            }
        }
        for (Figures f : figures) {
            Map<String, Object> m = new LinkedHashMap<>(f.json());
            m.put("machine", machine());
            m.put("runAt", Instant.now().toString());
            byScenario.put(f.scenario, m);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<Map<String, Object>> ordered = new ArrayList<>(byScenario.values());
        ordered.sort(Comparator.comparing(m -> order(String.valueOf(m.get("scenario")))));
        JSON.writeValue(file.toFile(), ordered);
    }

    private static int order(String scenario) {
        int i = Scenarios.ALL.indexOf(scenario);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version");
    }
}
