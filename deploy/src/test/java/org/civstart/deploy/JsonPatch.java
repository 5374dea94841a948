package org.civstart.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 operations {@code add}, {@code replace}, {@code remove} and {@code test} on a Jackson
 * tree, as kustomize applies them. A path that does not exist is an error (for {@code add}: its
 * parent must exist), exactly as in kustomize.
 */
final class JsonPatch {

    private JsonPatch() {}

    static void apply(ObjectNode doc, ArrayNode ops) {
        for (JsonNode op : ops) {
            String kind = op.path("op").asText();
            String path = op.path("path").asText(null);
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("patch operation without a valid path: " + op);
            }
            String[] tokens = path.substring(1).split("/", -1);
            JsonNode parent = doc;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = child(parent, unescape(tokens[i]), path);
            }
            String last = unescape(tokens[tokens.length - 1]);
            switch (kind) {
                case "add" -> add(parent, last, op.get("value"), path);
                case "replace" -> {
                    child(parent, last, path);
                    set(parent, last, op.get("value"), path);
                }
                case "remove" -> {
                    child(parent, last, path);
                    if (parent instanceof ObjectNode o) {
                        o.remove(last);
                    } else {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    }
                }
                case "test" -> {
                    if (!child(parent, last, path).equals(op.get("value"))) {
                        throw new IllegalArgumentException("patch test failed at " + path);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported patch operation: " + op);
            }
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static JsonNode child(JsonNode parent, String token, String path) {
        JsonNode c;
        if (parent instanceof ArrayNode a) {
            int i = index(token, a.size() - 1, path);
            c = a.get(i);
        } else if (parent instanceof ObjectNode o) {
            c = o.get(token);
        } else {
            c = null;
        }
        if (c == null) {
            throw new IllegalArgumentException("patch path does not exist: " + path);
        }
        return c;
    }

    private static void add(JsonNode parent, String token, JsonNode value, String path) {
        if (value == null) {
            throw new IllegalArgumentException("add without a value: " + path);
        }
        if (parent instanceof ArrayNode a) {
            if ("-".equals(token)) {
                a.add(value);
            } else {
                a.insert(index(token, a.size(), path), value);
            }
        } else if (parent instanceof ObjectNode o) {
            o.set(token, value);
        } else {
            throw new IllegalArgumentException("patch path does not exist: " + path);
        }
    }

    private static void set(JsonNode parent, String token, JsonNode value, String path) {
        if (value == null) {
            throw new IllegalArgumentException("replace without a value: " + path);
        }
        if (parent instanceof ArrayNode a) {
            a.set(index(token, a.size() - 1, path), value);
        } else {
            ((ObjectNode) parent).set(token, value);
        }
    }

    private static int index(String token, int max, String path) {
        try {
            int i = Integer.parseInt(token);
            if (i < 0 || i > max) {
                throw new IllegalArgumentException("patch index out of range: " + path);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("patch path needs an array index: " + path, e);
        }
    }
}
