package org.civstart.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization directory the way {@code kubectl kustomize} does, for the small subset of
 * Kustomize that {@code deploy/k8s} uses. Anything outside that subset is refused (not ignored), so
 * the rendering stays exact: a kustomization that uses a feature this class does not know fails
 * the build instead of rendering differently from the real tool.
 *
 * <p>Supported: {@code resources} (files with one or more documents, or directories holding a
 * kustomization), {@code namespace}, {@code labels} (metadata labels only: no selectors, no
 * templates), {@code images}, {@code replicas} and {@code patches} in JSON 6902 form with a
 * {@code target} (kind / name / group / version), and {@code configMapGenerator} entries made of
 * {@code files} (a file in the kustomization's directory, its name or {@code key=file} as the key)
 * with {@code options.disableNameSuffixHash: true} and optional {@code options.labels} /
 * {@code options.annotations} (the name hash kustomize computes otherwise is not implemented, so it
 * is refused). Deliberately stricter than kustomize in one place: a patch whose target matches no
 * resource is an error, not a silent no-op.
 */
public final class Kustomize {

    static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

    private static final Set<String> SUPPORTED = Set.of(
            "apiVersion",
            "kind",
            "resources",
            "namespace",
            "labels",
            "images",
            "replicas",
            "patches",
            "configMapGenerator");

    /** Kinds without a namespace among those the manifests use (kustomize leaves them alone). */
    static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass",
            "IngressClass");

    private Kustomize() {}

    /** Renders the kustomization in {@code dir} into its resources, in document order. */
    public static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        JsonNode k = readSingle(file);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(file + ": kustomization field '" + field
                        + "' is not supported by this renderer (supported: " + SUPPORTED + ")");
            }
        }
        if (!"Kustomization".equals(k.path("kind").asText("Kustomization"))) {
            throw new IllegalArgumentException(file + ": kind must be Kustomization");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else if (Files.isRegularFile(p)) {
                out.addAll(readAll(p));
            } else {
                throw new IllegalArgumentException(file + ": resource not found: " + r.asText());
            }
        }
        for (JsonNode generator : k.path("configMapGenerator")) {
            out.add(configMap(generator, dir, file));
        }
        requireUniqueIds(out, file);
        for (JsonNode patch : k.path("patches")) {
            applyPatch(out, patch, dir, file);
        }
        for (JsonNode rep : k.path("replicas")) {
            setReplicas(out, rep, file);
        }
        for (JsonNode image : k.path("images")) {
            setImage(out, image);
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            for (ObjectNode res : out) {
                if (!CLUSTER_SCOPED.contains(res.path("kind").asText())) {
                    metadata(res).put("namespace", ns);
                }
            }
        }
        for (JsonNode l : k.path("labels")) {
            if (l.path("includeSelectors").asBoolean(false)
                    || l.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException(
                        file + ": labels with includeSelectors/includeTemplates are not supported");
            }
            for (ObjectNode res : out) {
                ObjectNode labels = metadata(res).with("labels");
                l.path("pairs")
                        .fields()
                        .forEachRemaining(
                                e -> labels.put(e.getKey(), e.getValue().asText()));
            }
        }
        return out;
    }

    /** Reads every non-empty YAML document of a file as a resource. */
    public static List<ObjectNode> readAll(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<ObjectNode> docs = new ArrayList<>();
            for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException(file + ": a document is not a mapping");
                }
                docs.add((ObjectNode) doc);
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readSingle(Path file) {
        List<ObjectNode> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected exactly one document");
        }
        return docs.get(0);
    }

    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "files", "options");
    private static final Set<String> GENERATOR_OPTIONS = Set.of("disableNameSuffixHash", "labels", "annotations");

    /** A ConfigMap of a configMapGenerator entry: each file's text under its name (or the key before '='). */
    private static ObjectNode configMap(JsonNode generator, Path dir, Path file) {
        generator.fieldNames().forEachRemaining(f -> {
            if (!GENERATOR_FIELDS.contains(f)) {
                throw new IllegalArgumentException(file + ": configMapGenerator field '" + f
                        + "' is not supported (supported: " + GENERATOR_FIELDS + ")");
            }
        });
        JsonNode options = generator.path("options");
        options.fieldNames().forEachRemaining(f -> {
            if (!GENERATOR_OPTIONS.contains(f)) {
                throw new IllegalArgumentException(file + ": configMapGenerator option '" + f
                        + "' is not supported (supported: " + GENERATOR_OPTIONS + ")");
            }
        });
        String name = generator.path("name").asText("");
        if (name.isBlank()) {
            throw new IllegalArgumentException(file + ": a configMapGenerator entry needs a name");
        }
        if (!options.path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException(
                    file + ": configMapGenerator " + name
                            + ": the name suffix hash is not implemented by this renderer, set options.disableNameSuffixHash: true");
        }
        if (!generator.path("files").isArray() || generator.path("files").isEmpty()) {
            throw new IllegalArgumentException(file + ": configMapGenerator " + name + " has no files");
        }
        ObjectNode cm = YAML.createObjectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        ObjectNode metadata = cm.putObject("metadata");
        metadata.put("name", name);
        for (String field : List.of("labels", "annotations")) {
            if (options.has(field)) {
                ObjectNode values = metadata.putObject(field);
                options.get(field)
                        .fields()
                        .forEachRemaining(
                                e -> values.put(e.getKey(), e.getValue().asText()));
            }
        }
        ObjectNode data = cm.putObject("data");
        Path root = dir.toAbsolutePath().normalize();
        for (JsonNode f : generator.path("files")) {
            String spec = f.asText();
            int eq = spec.indexOf('=');
            String relative = eq >= 0 ? spec.substring(eq + 1) : spec;
            Path p = root.resolve(relative).normalize();
            if (!p.startsWith(root)) {
                throw new IllegalArgumentException(file + ": configMapGenerator " + name + ": " + relative
                        + " is outside the kustomization's directory (kustomize refuses it)");
            }
            String key = eq >= 0 ? spec.substring(0, eq) : p.getFileName().toString();
            if (data.has(key)) {
                throw new IllegalArgumentException(file + ": configMapGenerator " + name + ": key " + key + " twice");
            }
            data.put(key, readUtf8(p, file));
        }
        return cm;
    }

    /** The file's text; anything but UTF-8 would become binaryData in kustomize, which is not implemented. */
    private static String readUtf8(Path p, Path file) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(p)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": " + p + " is not UTF-8 text (binaryData is not supported)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": configMapGenerator file not found: " + p, e);
        }
    }

    static String id(JsonNode res) {
        return res.path("apiVersion").asText() + "/" + res.path("kind").asText() + " "
                + res.path("metadata").path("namespace").asText("") + "/"
                + res.path("metadata").path("name").asText();
    }

    private static void requireUniqueIds(List<ObjectNode> resources, Path file) {
        Set<String> seen = new HashSet<>();
        for (ObjectNode r : resources) {
            if (!seen.add(id(r))) {
                throw new IllegalArgumentException(file + ": resource defined twice: " + id(r));
            }
        }
    }

    private static ObjectNode metadata(ObjectNode res) {
        return res.with("metadata");
    }

    private static void applyPatch(List<ObjectNode> resources, JsonNode patch, Path dir, Path file) {
        JsonNode target = patch.path("target");
        if (target.isMissingNode()) {
            throw new IllegalArgumentException(file + ": only JSON 6902 patches with a target are supported");
        }
        for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("kind", "name", "group", "version").contains(f)) {
                throw new IllegalArgumentException(file + ": patch target field '" + f + "' is not supported");
            }
        }
        String text;
        try {
            text = patch.has("path")
                    ? Files.readString(dir.resolve(patch.get("path").asText()))
                    : patch.path("patch").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode ops;
        try {
            ops = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": patch does not parse: " + e.getMessage(), e);
        }
        if (!ops.isArray()) {
            throw new IllegalArgumentException(file + ": only JSON 6902 patches (a list of operations) are supported");
        }
        int matched = 0;
        for (ObjectNode res : resources) {
            if (matches(target, res)) {
                JsonPatch.apply(res, (ArrayNode) ops);
                matched++;
            }
        }
        if (matched == 0) {
            // stricter than kustomize (which silently skips it): a patch that matches nothing is a mistake
            throw new IllegalArgumentException(file + ": patch target matches no resource: " + target);
        }
    }

    private static boolean matches(JsonNode target, JsonNode res) {
        String apiVersion = res.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return field(target, "kind", res.path("kind").asText())
                && field(target, "name", res.path("metadata").path("name").asText())
                && field(target, "group", group)
                && field(target, "version", version);
    }

    private static boolean field(JsonNode target, String name, String actual) {
        return !target.has(name) || target.get(name).asText().equals(actual);
    }

    private static void setReplicas(List<ObjectNode> resources, JsonNode rep, Path file) {
        String name = rep.path("name").asText();
        int matched = 0;
        for (ObjectNode res : resources) {
            String kind = res.path("kind").asText();
            if (Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController")
                            .contains(kind)
                    && name.equals(res.path("metadata").path("name").asText())) {
                res.with("spec").put("replicas", rep.path("count").asInt());
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": replicas entry matches no workload: " + name);
        }
    }

    private static void setImage(List<ObjectNode> resources, JsonNode image) {
        String name = image.path("name").asText();
        for (ObjectNode res : resources) {
            for (String containers : List.of("containers", "initContainers")) {
                for (JsonNode c : podSpec(res).path(containers)) {
                    String current = c.path("image").asText();
                    if (imageName(current).equals(name)) {
                        ((ObjectNode) c).set("image", new TextNode(newImage(current, image)));
                    }
                }
            }
        }
    }

    private static JsonNode podSpec(JsonNode res) {
        return "Pod".equals(res.path("kind").asText())
                ? res.path("spec")
                : res.path("spec").path("template").path("spec");
    }

    /** The image reference without tag or digest. */
    static String imageName(String ref) {
        int at = ref.indexOf('@');
        String noDigest = at >= 0 ? ref.substring(0, at) : ref;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    private static String newImage(String current, JsonNode image) {
        String name = image.has("newName") ? image.get("newName").asText() : imageName(current);
        if (image.has("digest")) {
            return name + "@" + image.get("digest").asText();
        }
        if (image.has("newTag")) {
            return name + ":" + image.get("newTag").asText();
        }
        return name + current.substring(imageName(current).length());
    }

    /** Parses resources given inline (for tests of the validator). */
    static List<ObjectNode> parse(String yaml) {
        try {
            List<ObjectNode> docs = new ArrayList<>();
            for (Iterator<JsonNode> it = YAML.readValues(YAML.getFactory().createParser(yaml), JsonNode.class);
                    it.hasNext(); ) {
                JsonNode d = it.next();
                if (d != null && d.isObject()) {
                    docs.add((ObjectNode) d);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, ObjectNode> byId(List<ObjectNode> resources) {
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        resources.forEach(r -> m.put(id(r), r));
        return m;
    }
}
