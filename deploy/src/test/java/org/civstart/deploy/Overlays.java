package org.civstart.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The overlays of deploy/k8s, rendered once per test run. */
final class Overlays {

    static final Path K8S = Path.of("k8s");
    static final List<String> NAMES = List.of("dev", "prod");
    static final List<String> SERVICES =
            List.of("realtime-gateway", "signal-service", "notification-service", "sync-service");

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {}

    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(
                overlay,
                o -> List.copyOf(Kustomize.render(K8S.resolve("overlays").resolve(o))));
    }

    static List<ObjectNode> ofKind(String overlay, String kind) {
        return render(overlay).stream()
                .filter(r -> kind.equals(r.path("kind").asText()))
                .toList();
    }

    static ObjectNode get(String overlay, String kind, String name) {
        return ofKind(overlay, kind).stream()
                .filter(r -> name.equals(r.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode r) {
        return r.path("metadata").path("name").asText();
    }

    static JsonNode container(JsonNode deployment) {
        return deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
    }
}
