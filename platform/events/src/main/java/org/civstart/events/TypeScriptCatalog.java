package org.civstart.events;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Generates the browser SDK's event types ({@code clients/web/src/generated/catalog.ts}) from the
 * {@link EventType} catalog, the same source as the AsyncAPI documents: one payload interface per
 * payload record, one frame type per WebSocket event name (legacy aliases such as
 * {@code match:generated} get their own frame type over the same payload), the name → frame map
 * the SDK's {@code on(...)} is typed with, and a runtime table (ce_type, topic, audience, the
 * primary name and every alias of each event) the SDK uses to deliver an event once to the
 * listeners of each of its names.
 *
 * <p>The file is committed; {@code TypeScriptCatalogTest} and the {@code clients/web} build fail
 * when it no longer matches the catalog. Regenerate with {@code ./mvnw -q -pl platform/events compile exec:java}.
 */
public final class TypeScriptCatalog {

    /** Where the file lives, relative to the repository root. */
    public static final String PATH = "clients/web/src/generated/catalog.ts";

    public static final String REGENERATE = "./mvnw -q -pl platform/events compile exec:java";

    private TypeScriptCatalog() {}

    public static String generate() {
        StringBuilder out = new StringBuilder(16_384);
        out.append("""
                // GENERATED from the event catalog (platform/events EventType) by org.civstart.events.TypeScriptCatalog.
                // Do not edit: regenerate with %s and commit the result.
                // The build fails when this file no longer matches the catalog.

                /** A server → client event frame of the realtime gateway. */
                export interface EventFrame<N extends string, D> {
                  /** The WebSocket event name (a legacy alias arrives as a second frame with the same id). */
                  readonly event: N;
                  /** The CloudEvents id (ce_id): the same for every name of one event. */
                  readonly id: string;
                  /** The resume position just after this event. */
                  readonly position: string;
                  /** Commit time of the change (ce_time, RFC 3339). */
                  readonly time: string;
                  /** Who made the change (a user's sub, or system / airtable), when the event says. */
                  readonly actor?: string;
                  /** The request that caused it (X-Request-Id / Idempotency-Key), when the event says. */
                  readonly correlationId?: string;
                  readonly data: D;
                }

                """.formatted(REGENERATE));

        Map<String, Class<?>> payloads = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            collect(payloads, type.payloadType());
        }
        out.append("// ---- payloads (one interface per payload record) ----\n\n");
        for (Class<?> record : payloads.values()) {
            out.append("export interface ").append(record.getSimpleName()).append(" {\n");
            for (RecordComponent c : record.getRecordComponents()) {
                boolean primitive = c.getType().isPrimitive();
                out.append("  readonly ")
                        .append(c.getName())
                        .append(primitive ? ": " : "?: ")
                        .append(tsType(c.getGenericType()))
                        .append(primitive ? "" : " | null")
                        .append(";\n");
            }
            out.append("}\n\n");
        }

        // several event types may share a WebSocket name (one payload per endpoint, e.g. signal:updated):
        // the name's frame carries the union of their payloads
        Map<String, List<EventType>> byName = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            for (String name : type.webSocketNames()) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(type);
            }
        }
        out.append("// ---- one frame type per WebSocket event name ----\n\n");
        byName.forEach((name, types) -> {
            out.append("/** ").append(describe(types, name)).append(" */\n");
            out.append("export type ")
                    .append(frameTypeName(name))
                    .append(" = EventFrame<'")
                    .append(name)
                    .append("', ")
                    .append(payloadUnion(types))
                    .append(">;\n");
        });

        out.append("\n/** Every WebSocket event name and its frame type. */\nexport interface EventMap {\n");
        byName.keySet()
                .forEach(name -> out.append("  '")
                        .append(name)
                        .append("': ")
                        .append(frameTypeName(name))
                        .append(";\n"));
        out.append("}\n\nexport type EventName = keyof EventMap;\n\n");

        out.append("""
                /** What the catalog says about one WebSocket event name. */
                export interface EventInfo {
                  /** The CloudEvents types (ce_type) sent under this name. */
                  readonly types: readonly string[];
                  readonly topic: string;
                  /** Who receives them on the WebSocket (the catalog's audience rules). */
                  readonly audiences: readonly string[];
                  /** The event's primary WebSocket name. */
                  readonly primary: EventName;
                  /** Every WebSocket name of the event: the primary name, then its legacy aliases. */
                  readonly names: readonly EventName[];
                }

                /** The catalog at run time: every WebSocket event name → its entry. */
                export const EVENTS: { readonly [N in EventName]: EventInfo } = {
                """);
        byName.forEach((name, types) -> {
            EventType first = types.get(0);
            Set<String> names = new LinkedHashSet<>();
            types.forEach(t -> names.addAll(t.webSocketNames()));
            out.append("  '")
                    .append(name)
                    .append("': { types: [")
                    .append(quoted(types.stream().map(EventType::type).toList()))
                    .append("], topic: '")
                    .append(first.topic().topicName())
                    .append("', audiences: [")
                    .append(quoted(types.stream()
                            .map(t -> t.audience().name().toLowerCase())
                            .distinct()
                            .toList()))
                    .append("], primary: '")
                    .append(first.webSocketName())
                    .append("', names: [")
                    .append(quoted(List.copyOf(names)))
                    .append("] },\n");
        });
        out.append("};\n\nexport const EVENT_NAMES = Object.keys(EVENTS) as readonly EventName[];\n");
        return out.toString();
    }

    private static String describe(List<EventType> types, String name) {
        List<String> parts = new ArrayList<>();
        for (EventType type : types) {
            String base = "`" + type.type() + "` on topic `" + type.topic().topicName() + "`, seen by "
                    + type.audience().describe();
            parts.add(
                    name.equals(type.webSocketName())
                            ? base
                            : "legacy alias of `" + type.webSocketName() + "` (same event, same id): " + base);
        }
        return String.join("; ", parts) + ".";
    }

    private static String payloadUnion(List<EventType> types) {
        return String.join(
                " | ",
                types.stream()
                        .map(t -> t.payloadType().getSimpleName())
                        .distinct()
                        .toList());
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }

    /** {@code airtable:organization:synced} → {@code AirtableOrganizationSyncedEvent}. */
    static String frameTypeName(String webSocketName) {
        StringBuilder b = new StringBuilder();
        for (String part : webSocketName.split(":")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return b.append("Event").toString();
    }

    private static void collect(Map<String, Class<?>> payloads, Class<?> record) {
        Class<?> known = payloads.get(record.getSimpleName());
        if (known != null) {
            if (known != record) {
                throw new IllegalStateException(
                        "two payload records named " + record.getSimpleName() + ": " + known + ", " + record);
            }
            return;
        }
        payloads.put(record.getSimpleName(), record);
        for (RecordComponent c : record.getRecordComponents()) {
            nested(payloads, c.getGenericType());
        }
    }

    private static void nested(Map<String, Class<?>> payloads, Type type) {
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                nested(payloads, arg);
            }
        } else if (type instanceof Class<?> c && c.isRecord()) {
            collect(payloads, c);
        }
    }

    private static String tsType(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                return tsType(p.getActualTypeArguments()[0]) + "[]";
            }
            if (Map.class.isAssignableFrom(raw)) {
                return "Record<string, " + tsType(p.getActualTypeArguments()[1]) + ">";
            }
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException(
                    "no TypeScript mapping for " + type + "; extend TypeScriptCatalog.tsType");
        }
        if (c == String.class || c == UUID.class || c == Instant.class || c == LocalDate.class) {
            return "string";
        }
        if (c == int.class
                || c == Integer.class
                || c == long.class
                || c == Long.class
                || c == double.class
                || c == Double.class) {
            return "number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c == Object.class) {
            return "unknown";
        }
        if (c.isRecord()) {
            return c.getSimpleName();
        }
        throw new IllegalArgumentException("no TypeScript mapping for " + c + "; extend TypeScriptCatalog.tsType");
    }

    /** Whether the file at {@code path} is what {@link #generate()} makes now. */
    public static boolean isCurrent(Path path) throws IOException {
        return Files.exists(path) && Files.readString(path).equals(generate());
    }

    /**
     * {@code TypeScriptCatalog <file>} writes the file; {@code TypeScriptCatalog --check <file>} fails
     * (an exception naming the regenerate command) when the committed file is stale.
     */
    public static void main(String[] args) throws IOException {
        boolean check = args.length > 0 && args[0].equals("--check");
        Path target = Path.of(args.length > (check ? 1 : 0) ? args[check ? 1 : 0] : "../../" + PATH);
        if (check) {
            if (!isCurrent(target)) {
                // an exception, not System.exit: the Maven build runs this in its own JVM (exec:java)
                throw new IllegalStateException(
                        target.toAbsolutePath().normalize() + " is stale: it no longer matches the event "
                                + "catalog. Regenerate it with " + REGENERATE + " and commit the result.");
            }
            System.out.println(target.toAbsolutePath().normalize() + " matches the event catalog");
            return;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, generate());
        System.out.println("wrote " + target.toAbsolutePath().normalize());
    }
}
