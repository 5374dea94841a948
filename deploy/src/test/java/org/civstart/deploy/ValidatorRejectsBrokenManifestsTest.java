package org.civstart.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Proves the validation can fail: each deliberately broken resource or kustomization below is
 * rejected with a message naming what is wrong, while its repaired twin passes.
 */
class ValidatorRejectsBrokenManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: 2
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: civstart/demo:1
                      readinessProbe:
                        httpGet: {path: /q/health/ready, port: 8080}
            """;

    /** The text with one part replaced; fails if the part is not there (so no test passes by accident). */
    private static String swap(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static List<String> problems(String yaml) {
        List<ObjectNode> docs = Kustomize.parse(yaml);
        assertThat(docs).hasSize(1);
        return ManifestValidator.validate(docs.get(0));
    }

    @Test
    void aValidDeploymentPasses() {
        assertThat(problems(DEPLOYMENT)).isEmpty();
    }

    @Test
    void aMisspeltNestedFieldIsRejected() {
        assertThat(problems(swap(DEPLOYMENT, "readinessProbe:", "readinesProbe:")))
                .singleElement()
                .asString()
                .contains("unknown field")
                .contains("readinesProbe");
    }

    @Test
    void aMisplacedFieldIsRejected() {
        // "image" one level too high: in the pod spec instead of the container
        assertThat(problems(swap(DEPLOYMENT, "      containers:", "      image: civstart/demo:1\n      containers:")))
                .anySatisfy(p -> assertThat(p).contains("unknown field").contains("image"));
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        String noSelector = swap(DEPLOYMENT, "  selector:\n    matchLabels: {app: demo}\n", "");
        assertThat(noSelector).isNotEqualTo(DEPLOYMENT);
        assertThat(problems(noSelector)).anySatisfy(p -> assertThat(p).contains("selector"));
        String noName = swap(DEPLOYMENT, "- name: demo\n          image:", "- image:");
        assertThat(noName).isNotEqualTo(DEPLOYMENT);
        assertThat(problems(noName)).anySatisfy(p -> assertThat(p).contains("name"));
    }

    @Test
    void aWrongTypeIsRejected() {
        assertThat(problems(swap(DEPLOYMENT, "replicas: 2", "replicas: \"2\"")))
                .anySatisfy(p -> assertThat(p).contains("replicas"));
        assertThat(problems(swap(DEPLOYMENT, "replicas: 2", "replicas: two")))
                .anySatisfy(p -> assertThat(p).contains("replicas"));
    }

    @Test
    void anUnknownKindOrApiVersionIsRejected() {
        assertThat(problems(swap(DEPLOYMENT, "apps/v1", "apps/v1beta1")))
                .singleElement()
                .asString()
                .contains("no schema");
        assertThat(problems("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: []}\n"))
                .singleElement()
                .asString()
                .contains("no schema");
    }

    @Test
    void brokenStrimziResourcesAreRejected() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: signals
                  labels: {strimzi.io/cluster: civstart}
                spec:
                  partitions: 6
                  replicas: 3
                  config: {retention.ms: 604800000}
                """;
        assertThat(problems(topic)).isEmpty();
        assertThat(problems(swap(topic, "partitions: 6", "partitions: six")))
                .anySatisfy(p -> assertThat(p).contains("partitions"));
        assertThat(problems(swap(topic, "partitions: 6", "partition: 6")))
                .anySatisfy(p -> assertThat(p).contains("unknown field").contains("partition"));
        assertThat(problems(swap(topic, "  labels: {strimzi.io/cluster: civstart}\n", "")))
                .anySatisfy(p -> assertThat(p).contains("labels"));

        String pool = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaNodePool
                metadata:
                  name: brokers
                  labels: {strimzi.io/cluster: civstart}
                spec:
                  replicas: 3
                  roles: [broker]
                  storage: {type: persistent-claim, size: 10Gi}
                """;
        assertThat(problems(pool)).isEmpty();
        assertThat(problems(swap(pool, "roles: [broker]", "roles: [zookeeper]")))
                .anySatisfy(p -> assertThat(p).contains("roles"));
        assertThat(problems(swap(pool, "  roles: [broker]\n", "")))
                .anySatisfy(p -> assertThat(p).contains("roles"));
    }

    @Test
    void brokenCloudNativePgResourcesAreRejected() {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: civstart-pg}
                spec:
                  instances: 3
                  storage: {size: 10Gi}
                  managed:
                    roles:
                      - name: signal_service
                        login: true
                        passwordSecret: {name: signal-service-db}
                """;
        assertThat(problems(cluster)).isEmpty();
        assertThat(problems(swap(cluster, "instances: 3", "instance: 3")))
                .anySatisfy(p -> assertThat(p).contains("instance"));
        assertThat(problems(swap(cluster, "passwordSecret:", "passwordSecrets:")))
                .anySatisfy(p -> assertThat(p).contains("passwordSecrets"));
        assertThat(problems(swap(cluster, "size: 10Gi", "size: ten gigabytes")))
                .anySatisfy(p -> assertThat(p).contains("size"));

        String database = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Database
                metadata: {name: signal-service}
                spec: {name: signal_service, owner: signal_service, cluster: {name: civstart-pg}}
                """;
        assertThat(problems(database)).isEmpty();
        assertThat(problems(swap(database, "owner: signal_service, ", "")))
                .anySatisfy(p -> assertThat(p).contains("owner"));
    }

    @Test
    void brokenPrometheusOperatorResourcesAreRejected() {
        String rule = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: demo}
                spec:
                  groups:
                    - name: demo
                      rules:
                        - alert: DemoDown
                          expr: up == 0
                          for: 5m
                          labels: {severity: critical}
                          annotations: {summary: down}
                        - record: job:up:sum
                          expr: sum by (job) (up)
                """;
        assertThat(problems(rule)).isEmpty();
        assertThat(problems(swap(rule, "expr: up == 0", "expression: up == 0")))
                .anySatisfy(p -> assertThat(p).contains("expression"));
        assertThat(problems(swap(rule, "for: 5m", "for: 5 minutes")))
                .anySatisfy(p -> assertThat(p).contains("for"));
        assertThat(problems(swap(rule, "- name: demo\n", "- interval: 1m\n")))
                .anySatisfy(p -> assertThat(p).contains("name"));
        assertThat(problems(swap(rule, "rules:", "rule:")))
                .anySatisfy(p -> assertThat(p).contains("rule"));
        assertThat(problems(swap(rule, "labels: {severity: critical}", "labels: {severity-level: critical}")))
                .anySatisfy(p -> assertThat(p).contains("severity-level"));
        // a rule is an alert or a recording rule, and a recording rule has no "for"
        assertThat(problems(swap(rule, "- alert: DemoDown", "- alert: DemoDown\n          record: demo:up")))
                .isNotEmpty();
        assertThat(problems(swap(rule, "- record: job:up:sum", "- record: job:up:sum\n          for: 1m")))
                .isNotEmpty();
        assertThat(problems(swap(rule, "record: job:up:sum", "record: job-up-sum")))
                .isNotEmpty();

        String podMonitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: demo}
                spec:
                  selector: {matchLabels: {app: demo}}
                  jobLabel: app
                  podMetricsEndpoints:
                    - {port: http, path: /q/metrics, interval: 15s}
                """;
        assertThat(problems(podMonitor)).isEmpty();
        assertThat(problems(swap(podMonitor, "path: /q/metrics", "metricsPath: /q/metrics")))
                .anySatisfy(p -> assertThat(p).contains("metricsPath"));
        assertThat(problems(swap(podMonitor, "interval: 15s", "interval: 15")))
                .anySatisfy(p -> assertThat(p).contains("interval"));
        assertThat(problems(swap(podMonitor, "  selector: {matchLabels: {app: demo}}\n", "")))
                .anySatisfy(p -> assertThat(p).contains("selector"));
    }

    @Test
    void aConfigMapGeneratorIsRenderedOnlyInTheSupportedForm(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dashboard.json"), "{\"title\": \"demo\"}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: monitoring
                configMapGenerator:
                  - name: demo
                    files: [dashboard.json, other.json=dashboard.json]
                    options:
                      disableNameSuffixHash: true
                      labels: {grafana_dashboard: "1"}
                """);
        ObjectNode cm = Kustomize.render(dir).get(0);
        assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
        assertThat(cm.path("metadata").path("labels").path("grafana_dashboard").asText())
                .isEqualTo("1");
        assertThat(cm.path("data").path("dashboard.json").asText()).isEqualTo("{\"title\": \"demo\"}\n");
        assertThat(cm.path("data").path("other.json").asText()).isEqualTo("{\"title\": \"demo\"}\n");
        assertThat(ManifestValidator.validate(cm)).isEmpty();

        String valid = Files.readString(dir.resolve("kustomization.yaml"));
        Files.writeString(dir.resolve("kustomization.yaml"), swap(valid, "      disableNameSuffixHash: true\n", ""));
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("disableNameSuffixHash");
        Files.writeString(
                dir.resolve("kustomization.yaml"), swap(valid, "other.json=dashboard.json", "../escape.json"));
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("outside");
        Files.writeString(dir.resolve("kustomization.yaml"), swap(valid, "files:", "literals:"));
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("literals");
        Files.writeString(dir.resolve("kustomization.yaml"), swap(valid, "other.json=dashboard.json", "missing.json"));
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("missing.json");
    }

    @Test
    void aBrokenKustomizationFailsToRender(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("deployment.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [deployment.yaml]
                patches:
                  - target: {kind: Deployment, name: demo}
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/containers/1/image
                        value: civstart/other:2
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("index out of range");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [deployment.yaml, missing.yaml]
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("missing.yaml");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [deployment.yaml]
                commonLabels: {app: demo}
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("commonLabels");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [deployment.yaml]
                replicas: [{name: demo-typo, count: 1}]
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("demo-typo");
    }
}
