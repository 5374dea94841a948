package org.civstart.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Checks one rendered resource against its schema, in two independent ways:
 * <ol>
 *   <li>JSON Schema (draft 2020-12, {@code src/test/resources/schemas/*.yaml}): apiVersion/kind
 *       known, required fields, enumerations, top-level shape; strict on the CloudNativePG and
 *       Prometheus Operator CRDs;</li>
 *   <li>strict deserialization into the upstream Java model of the kind: fabric8's Kubernetes
 *       model for built-in kinds and the Prometheus Operator's kinds, Strimzi's {@code io.strimzi:api}
 *       model for Strimzi kinds. Both
 *       models keep unknown fields aside instead of failing, so every object of the deserialized
 *       tree is walked and any unknown field is reported with its path; type mismatches
 *       (a string where an integer belongs, scalars are never coerced) fail deserialization.</li>
 * </ol>
 * A resource whose apiVersion/kind has no schema is an error: nothing passes unchecked.
 */
public final class ManifestValidator {

    /** apiVersion + " " + kind -> (schema file, definition, model class or null). */
    private record Kind(String file, String definition, Class<?> model) {}

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            core("v1 Namespace", Namespace.class),
            core("v1 ConfigMap", ConfigMap.class),
            core("v1 Secret", Secret.class),
            core("v1 Service", Service.class),
            core("apps/v1 Deployment", Deployment.class),
            core("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            core("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            core("networking.k8s.io/v1 Ingress", Ingress.class),
            core("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            strimzi("Kafka", Kafka.class),
            strimzi("KafkaNodePool", KafkaNodePool.class),
            strimzi("KafkaTopic", KafkaTopic.class),
            strimzi("KafkaUser", KafkaUser.class),
            Map.entry("postgresql.cnpg.io/v1 Cluster", new Kind("cloudnative-pg.yaml", "Cluster", null)),
            Map.entry("postgresql.cnpg.io/v1 Database", new Kind("cloudnative-pg.yaml", "Database", null)),
            monitoring("PrometheusRule", PrometheusRule.class),
            monitoring("PodMonitor", PodMonitor.class));

    private static Map.Entry<String, Kind> core(String key, Class<?> model) {
        return Map.entry(key, new Kind("kubernetes.yaml", key.substring(key.indexOf(' ') + 1), model));
    }

    private static Map.Entry<String, Kind> strimzi(String kind, Class<?> model) {
        return Map.entry("kafka.strimzi.io/v1beta2 " + kind, new Kind("strimzi.yaml", kind, model));
    }

    private static Map.Entry<String, Kind> monitoring(String kind, Class<?> model) {
        return Map.entry("monitoring.coreos.com/v1 " + kind, new Kind("prometheus-operator.yaml", kind, model));
    }

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    /** Never coerces scalars: {@code replicas: "2"} is an error, as on the API server. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private ManifestValidator() {}

    /** The kinds that have a schema, as "apiVersion kind". */
    public static Collection<String> knownKinds() {
        return KINDS.keySet();
    }

    /** Every problem of one resource (empty when it is valid). */
    public static List<String> validate(JsonNode resource) {
        String key = resource.path("apiVersion").asText() + " "
                + resource.path("kind").asText();
        String where = Kustomize.id(resource) + ": ";
        Kind kind = KINDS.get(key);
        if (kind == null) {
            return List.of(where + "no schema for apiVersion/kind '" + key + "' (known: " + KINDS.keySet() + ")");
        }
        List<String> problems = new ArrayList<>();
        JsonSchema schema = LOADED.computeIfAbsent(
                key,
                k -> SCHEMAS.getSchema(
                        SchemaLocation.of("classpath:schemas/" + kind.file() + "#/$defs/" + kind.definition())));
        for (ValidationMessage m : schema.validate(resource)) {
            problems.add(where + "schema: " + m.getMessage());
        }
        if (kind.model() != null) {
            problems.addAll(typed(resource, kind.model()).stream()
                    .map(p -> where + "model: " + p)
                    .toList());
        }
        return problems;
    }

    private static List<String> typed(JsonNode resource, Class<?> model) {
        JsonNode withoutStatus = resource.deepCopy();
        ((ObjectNode) withoutStatus).remove("status");
        Object value;
        try {
            value = STRICT.treeToValue(withoutStatus, model);
        } catch (MismatchedInputException e) {
            return List.of("at " + path(e) + ": " + e.getOriginalMessage());
        } catch (Exception e) {
            return List.of(e.getMessage());
        }
        List<String> unknown = new ArrayList<>();
        walk(value, "", unknown);
        return unknown;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            b.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return b.isEmpty() ? "." : b.toString();
    }

    /** Reports every unknown field kept aside by the model ("additionalProperties"). */
    private static void walk(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                walk(o, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model")
                && !pkg.startsWith("io.fabric8.openshift.api.model")
                && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        JavaType type = STRICT.constructType(value.getClass());
        BeanDescription bean = STRICT.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (p.getGetter() == null) {
                continue;
            }
            Object child = p.getGetter().getValue(value);
            walk(child, path + "." + p.getName(), unknown);
        }
        try {
            var getter = value.getClass().getMethod("getAdditionalProperties");
            Object extra = getter.invoke(value);
            if (extra instanceof Map<?, ?> m && !m.isEmpty()) {
                for (Object k : m.keySet()) {
                    unknown.add("unknown field " + (path.isEmpty() ? "" : path) + "." + k);
                }
            }
        } catch (NoSuchMethodException e) {
            // a model class without unknown-field holder: Jackson already failed on unknown fields
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
