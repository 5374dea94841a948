package org.civstart.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.civstart.events.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the schemas cannot see: that the rendered resources fit together and fit the services
 * (topics of the event catalog, ports, probes, database names and credentials, routes, network
 * paths, the image's user).
 */
class PlatformWiringTest {

    static final List<String> OVERLAYS = Overlays.NAMES;

    /** The gateway's resume window: a client that reconnects within it misses nothing. */
    static final Duration RESUME_WINDOW = Duration.ofDays(7);

    static final Map<String, Integer> PORTS = Map.of(
            "realtime-gateway", 8080, "signal-service", 8081, "notification-service", 8082, "sync-service", 8083);
    static final Map<String, String> DATABASES = Map.of(
            "signal-service",
            "signal_service",
            "notification-service",
            "notification_service",
            "sync-service",
            "sync_service");

    /** Secrets prod expects to exist before it is applied (deploy/README.md, "Secrets"). */
    static final Set<String> PROD_EXTERNAL_SECRETS = Set.of(
            "civstart-tls",
            "signal-service-db",
            "notification-service-db",
            "sync-service-db",
            "notification-service-secrets",
            "sync-service-secrets");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyCatalogTopicHasAKafkaTopicCoveringTheResumeWindow(String overlay) {
        String cluster = Overlays.name(Overlays.ofKind(overlay, "Kafka").get(0));
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode t : Overlays.ofKind(overlay, "KafkaTopic")) {
            topics.put(t.path("spec").path("topicName").asText(Overlays.name(t)), t);
        }
        assertThat(topics.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Topic.values()).map(Topic::topicName).toList());
        for (var e : topics.entrySet()) {
            JsonNode t = e.getValue();
            assertThat(t.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .as(e.getKey())
                    .isEqualTo(cluster);
            assertThat(t.path("spec").path("partitions").asInt())
                    .as(e.getKey() + " partitions")
                    .isBetween(3, 24);
            assertThat(t.path("spec").path("config").path("retention.ms").asLong())
                    .as(e.getKey() + " retention.ms")
                    .isGreaterThanOrEqualTo(RESUME_WINDOW.toMillis());
            // compaction would drop events a resuming client still needs; only topics of current state are compacted
            assertThat(t.path("spec").path("config").path("cleanup.policy").asText("delete"))
                    .as(e.getKey() + " cleanup.policy")
                    .isEqualTo(Topic.ofName(e.getKey()).compacted() ? "compact" : "delete");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaReplicationFitsTheBrokers(String overlay) {
        JsonNode config = Overlays.get(overlay, "Kafka", "civstart")
                .path("spec")
                .path("kafka")
                .path("config");
        int brokers = Overlays.ofKind(overlay, "KafkaNodePool").stream()
                .filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt())
                .sum();
        int controllers = Overlays.ofKind(overlay, "KafkaNodePool").stream()
                .filter(p -> p.path("spec").path("roles").toString().contains("controller"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt())
                .sum();
        int rf = config.path("default.replication.factor").asInt();
        int isr = config.path("min.insync.replicas").asInt();
        assertThat(controllers % 2).as("an odd number of KRaft controllers").isEqualTo(1);
        assertThat(rf).isBetween(1, brokers);
        assertThat(config.path("offsets.topic.replication.factor").asInt()).isBetween(1, brokers);
        assertThat(config.path("transaction.state.log.replication.factor").asInt())
                .isBetween(1, brokers);
        assertThat(isr).isBetween(1, rf);
        if (rf > 1) {
            assertThat(isr).as("acks=all survives one broker down").isLessThan(rf);
        }
        assertThat(config.path("auto.create.topics.enable").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceRunsHardenedWithHealthProbes(String overlay) {
        assertThat(Overlays.ofKind(overlay, "Deployment").stream()
                        .map(Overlays::name)
                        .toList())
                .containsExactlyInAnyOrderElementsOf(Overlays.SERVICES);
        for (String service : Overlays.SERVICES) {
            JsonNode d = Overlays.get(overlay, "Deployment", service);
            JsonNode pod = d.path("spec").path("template").path("spec");
            JsonNode c = Overlays.container(d);
            assertThat(pod.path("containers")).hasSize(1);
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(pod.path("securityContext")
                            .path("seccompProfile")
                            .path("type")
                            .asText())
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            JsonNode sc = c.path("securityContext");
            assertThat(sc.path("readOnlyRootFilesystem").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true))
                    .as(service)
                    .isFalse();
            assertThat(sc.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
            // a read-only root needs a writable /tmp
            String tmpVolume = stream(c.path("volumeMounts"))
                    .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                    .map(m -> m.path("name").asText())
                    .findFirst()
                    .orElseThrow();
            assertThat(stream(pod.path("volumes"))
                            .filter(v -> v.path("name").asText().equals(tmpVolume)))
                    .singleElement()
                    .satisfies(v -> assertThat(v.has("emptyDir")).isTrue());

            assertThat(stream(c.path("ports"))
                            .filter(p -> p.path("name").asText().equals("http")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.path("containerPort").asInt()).isEqualTo(PORTS.get(service)));
            Map<String, String> probes = Map.of(
                    "startupProbe",
                    "/q/health/started",
                    "readinessProbe",
                    "/q/health/ready",
                    "livenessProbe",
                    "/q/health/live");
            probes.forEach((probe, path) -> {
                assertThat(c.path(probe).path("httpGet").path("path").asText())
                        .as(service + " " + probe)
                        .isEqualTo(path);
                assertThat(c.path(probe).path("httpGet").path("port").asText()).isEqualTo("http");
            });
            JsonNode res = c.path("resources");
            assertThat(res.path("requests").has("cpu"))
                    .as(service + " cpu request")
                    .isTrue();
            assertThat(bytes(res.path("requests").path("memory").asText()))
                    .as(service + " memory request <= limit")
                    .isPositive()
                    .isLessThanOrEqualTo(bytes(res.path("limits").path("memory").asText()));
            assertThat(c.path("image").asText())
                    .as(service + " image has a tag")
                    .matches(".*/" + service + ":[A-Za-z0-9._-]+$")
                    .doesNotEndWith(":latest");
            assertThat(d.path("spec")
                            .path("selector")
                            .path("matchLabels")
                            .path("app.kubernetes.io/name")
                            .asText())
                    .isEqualTo(service);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesAndDisruptionBudgetsSelectTheirPods(String overlay) {
        for (String service : Overlays.SERVICES) {
            Map<String, String> podLabels = labels(Overlays.get(overlay, "Deployment", service)
                    .path("spec")
                    .path("template")
                    .path("metadata")
                    .path("labels"));
            JsonNode svc = Overlays.get(overlay, "Service", service);
            assertThat(podLabels).containsAllEntriesOf(labels(svc.path("spec").path("selector")));
            assertThat(svc.path("spec").path("ports").path(0).path("port").asInt())
                    .isEqualTo(PORTS.get(service));
            assertThat(svc.path("spec").path("ports").path(0).path("targetPort").asText())
                    .isEqualTo("http");
            List<ObjectNode> pdbs = Overlays.ofKind(overlay, "PodDisruptionBudget").stream()
                    .filter(p -> podLabels
                            .entrySet()
                            .containsAll(labels(p.path("spec").path("selector").path("matchLabels"))
                                    .entrySet()))
                    .toList();
            assertThat(pdbs).as(service + " PodDisruptionBudget").hasSize(1);
            // maxUnavailable never blocks a drain, also with a single replica
            assertThat(pdbs.get(0).path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theGatewayScalesWithItsAutoscalerOnly(String overlay) {
        assertThat(Overlays.ofKind(overlay, "HorizontalPodAutoscaler"))
                .singleElement()
                .satisfies(hpa -> {
                    JsonNode spec = hpa.path("spec");
                    assertThat(spec.path("scaleTargetRef").path("kind").asText())
                            .isEqualTo("Deployment");
                    assertThat(spec.path("scaleTargetRef").path("name").asText())
                            .isEqualTo("realtime-gateway");
                    assertThat(spec.path("minReplicas").asInt())
                            .isBetween(1, spec.path("maxReplicas").asInt());
                    assertThat(spec.path("metrics")
                                    .path(0)
                                    .path("resource")
                                    .path("name")
                                    .asText())
                            .isEqualTo("cpu");
                });
        // a replicas field would fight the autoscaler on every apply
        assertThat(Overlays.get(overlay, "Deployment", "realtime-gateway")
                        .path("spec")
                        .has("replicas"))
                .isFalse();
        assertThat(Overlays.container(Overlays.get(overlay, "Deployment", "realtime-gateway"))
                        .path("resources")
                        .path("requests")
                        .has("cpu"))
                .as("HPA utilization needs a CPU request")
                .isTrue();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theIngressExposesWebSocketsWebhookAndRestOnly(String overlay) {
        Map<String, String> routes = new HashMap<>();
        for (JsonNode ing : Overlays.ofKind(overlay, "Ingress")) {
            assertThat(ing.path("spec").path("ingressClassName").asText()).isEqualTo("nginx");
            for (JsonNode rule : ing.path("spec").path("rules")) {
                assertThat(stream(ing.path("spec").path("tls"))
                                .anyMatch(t -> t.path("hosts")
                                        .toString()
                                        .contains("\"" + rule.path("host").asText() + "\"")))
                        .as("TLS for " + rule.path("host"))
                        .isTrue();
                for (JsonNode p : rule.path("http").path("paths")) {
                    String svc = p.path("backend").path("service").path("name").asText();
                    int port = p.path("backend")
                            .path("service")
                            .path("port")
                            .path("number")
                            .asInt();
                    assertThat(PORTS).as(p.path("path").asText()).containsEntry(svc, port);
                    Overlays.get(overlay, "Service", svc);
                    routes.put(p.path("path").asText(), svc);
                }
            }
        }
        assertThat(routes)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("/admin", "realtime-gateway"),
                        Map.entry("/client", "realtime-gateway"),
                        Map.entry("/api", "signal-service"),
                        Map.entry("/api/notifications", "notification-service"),
                        Map.entry("/api/notification-preferences", "notification-service"),
                        Map.entry("/api/notification-deliveries", "notification-service"),
                        Map.entry("/api/notification-templates", "notification-service"),
                        Map.entry("/api/notification-stats", "notification-service"),
                        Map.entry("/api/preferences", "notification-service"),
                        Map.entry("/admin/airtable", "sync-service"),
                        Map.entry("/webhooks/airtable", "sync-service")));
        JsonNode ws = Overlays.get(overlay, "Ingress", "realtime-gateway")
                .path("metadata")
                .path("annotations");
        assertThat(ws.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt())
                .isGreaterThanOrEqualTo(3600);
        assertThat(ws.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asInt())
                .isGreaterThanOrEqualTo(3600);
        assertThat(ws.path("nginx.ingress.kubernetes.io/proxy-http-version").asText())
                .isEqualTo("1.1");
        String host = Overlays.get(overlay, "Ingress", "airtable-webhooks")
                .path("spec")
                .path("rules")
                .path(0)
                .path("host")
                .asText();
        assertThat(Overlays.get(overlay, "ConfigMap", "sync-service-config")
                        .path("data")
                        .path("CIVSTART_SYNC_AIRTABLE_NOTIFICATION_URL")
                        .asText())
                .as("Airtable pings the public webhook route")
                .isEqualTo("https://" + host + "/webhooks/airtable");
    }

    /**
     * sync-service reads its Airtable table mapping from a mounted file (Airtable's ids are
     * case-sensitive: environment variables cannot carry them), mapping a table of each of the five
     * kinds it mirrors. That every field of each kind is mapped, and that sync-service accepts the
     * mapping, is sync-service's own ShippedMappingsTest.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void syncServiceMapsATableOfEachAirtableKind(String overlay) throws Exception {
        String location = Overlays.get(overlay, "ConfigMap", "sync-service-config")
                .path("data")
                .path("QUARKUS_CONFIG_LOCATIONS")
                .asText();
        Path file = Path.of(location);
        JsonNode d = Overlays.get(overlay, "Deployment", "sync-service");
        JsonNode mount = stream(Overlays.container(d).path("volumeMounts"))
                .filter(m ->
                        m.path("mountPath").asText().equals(file.getParent().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode volume = stream(d.path("spec").path("template").path("spec").path("volumes"))
                .filter(v -> v.path("name").asText().equals(mount.path("name").asText()))
                .findFirst()
                .orElseThrow();
        String configMap = volume.path("configMap").path("name").asText();
        String text = Overlays.get(overlay, "ConfigMap", configMap)
                .path("data")
                .path(file.getFileName().toString())
                .asText();
        Properties mapping = new Properties();
        mapping.load(new StringReader(text));
        Pattern key = Pattern.compile(
                "civstart\\.sync\\.airtable\\.tables\\.(tbl[A-Za-z0-9]{14})\\.(kind|fields\\.fld[A-Za-z0-9]{14})");
        Map<String, String> kinds = new HashMap<>();
        for (String k : mapping.stringPropertyNames()) {
            Matcher m = key.matcher(k);
            assertThat(m.matches()).as(overlay + ": " + k).isTrue();
            if (m.group(2).equals("kind")) {
                kinds.put(m.group(1), mapping.getProperty(k));
            }
        }
        assertThat(kinds.values())
                .as(overlay + " kinds")
                .containsExactlyInAnyOrder("organization", "contact", "signal", "startup", "interaction");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceOwnsItsDatabaseWithTheCredentialsItReads(String overlay) {
        JsonNode cluster = Overlays.ofKind(overlay, "Cluster").get(0);
        String clusterName = Overlays.name(cluster);
        Map<String, String> rolePasswordSecrets = stream(
                        cluster.path("spec").path("managed").path("roles"))
                .collect(Collectors.toMap(
                        r -> r.path("name").asText(),
                        r -> r.path("passwordSecret").path("name").asText()));
        Map<String, JsonNode> databases = Overlays.ofKind(overlay, "Database").stream()
                .collect(Collectors.toMap(d -> d.path("spec").path("name").asText(), d -> d));
        assertThat(databases.keySet()).containsExactlyInAnyOrderElementsOf(DATABASES.values());
        assertThat(Overlays.get(overlay, "Deployment", "realtime-gateway").toString())
                .doesNotContain("QUARKUS_DATASOURCE");
        DATABASES.forEach((service, db) -> {
            JsonNode database = databases.get(db);
            assertThat(database.path("spec").path("cluster").path("name").asText())
                    .isEqualTo(clusterName);
            String owner = database.path("spec").path("owner").asText();
            String url = Overlays.get(overlay, "ConfigMap", service + "-config")
                    .path("data")
                    .path("QUARKUS_DATASOURCE_JDBC_URL")
                    .asText();
            assertThat(url).isEqualTo("jdbc:postgresql://" + clusterName + "-rw:5432/" + db);
            JsonNode c = Overlays.container(Overlays.get(overlay, "Deployment", service));
            String userSecret = envSecret(c, "QUARKUS_DATASOURCE_USERNAME", "username");
            String passwordSecret = envSecret(c, "QUARKUS_DATASOURCE_PASSWORD", "password");
            assertThat(userSecret).isEqualTo(passwordSecret);
            assertThat(rolePasswordSecrets)
                    .as("the owner role's password is the one %s reads", service)
                    .containsEntry(owner, passwordSecret);
            Overlays.ofKind(overlay, "Secret").stream()
                    .filter(s -> Overlays.name(s).equals(passwordSecret))
                    .forEach(s -> {
                        assertThat(s.path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
                        assertThat(s.path("stringData").path("username").asText())
                                .isEqualTo(owner);
                    });
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyReferencedConfigMapAndSecretIsRenderedOrDocumentedAsExternal(String overlay) {
        Set<String> configMaps = new TreeSet<>();
        Set<String> secrets = new TreeSet<>();
        for (JsonNode d : Overlays.ofKind(overlay, "Deployment")) {
            JsonNode c = Overlays.container(d);
            d.path("spec").path("template").path("spec").path("volumes").forEach(v -> {
                if (v.has("configMap")) {
                    configMaps.add(v.path("configMap").path("name").asText());
                }
            });
            c.path("envFrom").forEach(e -> {
                if (e.has("configMapRef")) {
                    configMaps.add(e.path("configMapRef").path("name").asText());
                }
                if (e.has("secretRef")) {
                    secrets.add(e.path("secretRef").path("name").asText());
                }
            });
            c.path("env").forEach(e -> {
                if (e.path("valueFrom").has("secretKeyRef")) {
                    secrets.add(e.path("valueFrom")
                            .path("secretKeyRef")
                            .path("name")
                            .asText());
                }
                if (e.path("valueFrom").has("configMapKeyRef")) {
                    configMaps.add(e.path("valueFrom")
                            .path("configMapKeyRef")
                            .path("name")
                            .asText());
                }
            });
        }
        Overlays.ofKind(overlay, "Cluster")
                .forEach(cl -> cl.path("spec")
                        .path("managed")
                        .path("roles")
                        .forEach(r -> secrets.add(
                                r.path("passwordSecret").path("name").asText())));
        Overlays.ofKind(overlay, "Ingress")
                .forEach(i -> i.path("spec")
                        .path("tls")
                        .forEach(t -> secrets.add(t.path("secretName").asText())));
        Set<String> renderedConfigMaps = names(overlay, "ConfigMap", "civstart");
        assertThat(renderedConfigMaps).containsAll(configMaps);
        Set<String> missing = new TreeSet<>(secrets);
        missing.removeAll(names(overlay, "Secret", "civstart"));
        assertThat(missing).isEqualTo("dev".equals(overlay) ? Set.of("civstart-tls") : PROD_EXTERNAL_SECRETS);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void networkPoliciesAllowExactlyWhatEachServiceNeeds(String overlay) {
        NetworkPolicies np = new NetworkPolicies(Overlays.ofKind(overlay, "NetworkPolicy"));
        assertThat(np.defaultDenyAll())
                .as("a default-deny policy for ingress and egress")
                .isTrue();
        Map<String, String> kafkaPod = Map.of("strimzi.io/cluster", "civstart", "strimzi.io/kind", "Kafka");
        Map<String, String> postgresPod = Map.of(
                "cnpg.io/cluster",
                Overlays.name(Overlays.ofKind(overlay, "Cluster").get(0)));
        for (String service : Overlays.SERVICES) {
            Map<String, String> pod = labels(Overlays.get(overlay, "Deployment", service)
                    .path("spec")
                    .path("template")
                    .path("metadata")
                    .path("labels"));
            int port = PORTS.get(service);
            assertThat(np.ingressAllowed(
                            pod,
                            port,
                            NetworkPolicies.Peer.namespace(
                                    "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"))))
                    .as(service + " from the ingress controller")
                    .isTrue();
            assertThat(np.ingressAllowed(
                            pod, port, NetworkPolicies.Peer.pod(Map.of("app.kubernetes.io/name", "other"))))
                    .as(service + " from an unrelated pod")
                    .isFalse();
            assertThat(np.egressAllowed(
                            pod,
                            NetworkPolicies.Peer.namespace("kube-system", Map.of("k8s-app", "kube-dns")),
                            53,
                            "UDP"))
                    .as(service + " DNS")
                    .isTrue();
            assertThat(np.egressAllowed(pod, NetworkPolicies.Peer.pod(kafkaPod), 9092, "TCP"))
                    .as(service + " to Kafka")
                    .isTrue();
            assertThat(np.egressAllowed(pod, NetworkPolicies.Peer.namespace("keycloak", Map.of()), 8080, "TCP"))
                    .as(service + " to Keycloak")
                    .isTrue();
            boolean hasDatabase = DATABASES.containsKey(service);
            assertThat(np.egressAllowed(pod, NetworkPolicies.Peer.pod(postgresPod), 5432, "TCP"))
                    .as(service + " to PostgreSQL")
                    .isEqualTo(hasDatabase);
            assertThat(np.ingressAllowed(postgresPod, 5432, NetworkPolicies.Peer.pod(pod)))
                    .as("PostgreSQL accepts " + service)
                    .isEqualTo(hasDatabase);
            assertThat(np.egressAllowed(pod, NetworkPolicies.Peer.internet("52.0.0.1"), 443, "TCP"))
                    .as(service + " to the internet (Airtable / providers)")
                    .isEqualTo(service.equals("sync-service") || service.equals("notification-service"));
            assertThat(np.egressAllowed(pod, NetworkPolicies.Peer.internet("52.0.0.1"), 587, "TCP"))
                    .as(service + " SMTP submission")
                    .isEqualTo(service.equals("notification-service"));
        }
        assertThat(np.egressAllowed(
                        kafkaPod, NetworkPolicies.Peer.pod(Map.of("strimzi.io/cluster", "civstart")), 9091, "TCP"))
                .as("brokers replicate among themselves")
                .isTrue();
        assertThat(np.ingressAllowed(postgresPod, 8000, NetworkPolicies.Peer.namespace("cnpg-system", Map.of())))
                .as("the CloudNativePG operator reaches the instance manager")
                .isTrue();
    }

    @Test
    void devIsOneOfEachAndProdIsHighlyAvailable() {
        for (String s : List.of("signal-service", "notification-service", "sync-service")) {
            assertThat(Overlays.get("dev", "Deployment", s)
                            .path("spec")
                            .path("replicas")
                            .asInt())
                    .as("dev " + s)
                    .isEqualTo(1);
            assertThat(Overlays.get("prod", "Deployment", s)
                            .path("spec")
                            .path("replicas")
                            .asInt())
                    .as("prod " + s)
                    .isGreaterThanOrEqualTo(2);
        }
        JsonNode devHpa = Overlays.get("dev", "HorizontalPodAutoscaler", "realtime-gateway")
                .path("spec");
        JsonNode prodHpa = Overlays.get("prod", "HorizontalPodAutoscaler", "realtime-gateway")
                .path("spec");
        assertThat(devHpa.path("maxReplicas").asInt()).isEqualTo(1);
        assertThat(prodHpa.path("minReplicas").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(prodHpa.path("maxReplicas").asInt())
                .isGreaterThan(prodHpa.path("minReplicas").asInt());
        Overlays.ofKind("dev", "KafkaNodePool")
                .forEach(
                        p -> assertThat(p.path("spec").path("replicas").asInt()).isEqualTo(1));
        Overlays.ofKind("prod", "KafkaNodePool")
                .forEach(
                        p -> assertThat(p.path("spec").path("replicas").asInt()).isEqualTo(3));
        assertThat(Overlays.get("dev", "Cluster", "civstart-pg")
                        .path("spec")
                        .path("instances")
                        .asInt())
                .isEqualTo(1);
        assertThat(Overlays.get("prod", "Cluster", "civstart-pg")
                        .path("spec")
                        .path("instances")
                        .asInt())
                .isEqualTo(3);
        for (String s : Overlays.SERVICES) {
            assertThat(bytes(Overlays.container(Overlays.get("prod", "Deployment", s))
                            .path("resources")
                            .path("limits")
                            .path("memory")
                            .asText()))
                    .as("prod " + s + " is bigger than dev")
                    .isGreaterThan(bytes(Overlays.container(Overlays.get("dev", "Deployment", s))
                            .path("resources")
                            .path("limits")
                            .path("memory")
                            .asText()));
        }
        assertThat(Overlays.ofKind("prod", "Secret"))
                .as("no credentials in the prod overlay")
                .isEmpty();
    }

    /**
     * The gateway's JVM flags name JDK 25 features (compact object headers): its image must be built on
     * a JDK 25 runtime, which the documented build does; the other services keep the default (17).
     */
    @Test
    void theGatewayImageIsBuiltOnTheJdkItsFlagsNeed() throws Exception {
        for (String overlay : OVERLAYS) {
            String opts = stream(Overlays.container(Overlays.get(overlay, "Deployment", "realtime-gateway"))
                            .path("env"))
                    .filter(e -> e.path("name").asText().equals("JAVA_OPTS_APPEND"))
                    .findFirst()
                    .orElseThrow()
                    .path("value")
                    .asText();
            assertThat(opts).as(overlay).contains("-XX:+UseZGC", "-XX:+UseCompactObjectHeaders");
        }
        String build = Files.readString(Path.of("README.md"));
        assertThat(build)
                .contains("[ $m = realtime-gateway ] && jre=registry.access.redhat.com/ubi9/openjdk-25-runtime:")
                .contains("--build-arg JRE_IMAGE=$jre");
    }

    @Test
    void theImageRunsAsTheNonRootUserTheDeploymentsPin() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docker", "Dockerfile.jvm")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        String user = lines.stream()
                .filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring(5)
                .strip();
        assertThat(user).as("numeric, so that runAsNonRoot can verify it").matches("[1-9][0-9]*");
        for (String overlay : OVERLAYS) {
            for (JsonNode d : Overlays.ofKind(overlay, "Deployment")) {
                assertThat(d.path("spec")
                                .path("template")
                                .path("spec")
                                .path("securityContext")
                                .path("runAsUser")
                                .asText())
                        .as(overlay + " " + Overlays.name(d))
                        .isEqualTo(user);
            }
        }
        assertThat(lines).contains("ARG MODULE");
        List<String> copies = lines.stream().filter(l -> l.startsWith("COPY ")).toList();
        assertThat(copies)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("--chown=" + user + " ${MODULE}/target/quarkus-app/"));
        String from = lines.stream()
                .filter(l -> l.startsWith("ARG JRE_IMAGE="))
                .findFirst()
                .orElseThrow();
        assertThat(from).as("a Java 17 runtime image").contains("openjdk-17-runtime");
        Matcher m = Pattern.compile("ENTRYPOINT .*").matcher(String.join("\n", lines));
        assertThat(m.find()).isTrue();
    }

    // --- helpers

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l.stream();
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static Set<String> names(String overlay, String kind, String namespace) {
        Set<String> s = new HashSet<>();
        Overlays.ofKind(overlay, kind).stream()
                .filter(r ->
                        namespace.equals(r.path("metadata").path("namespace").asText()))
                .forEach(r -> s.add(Overlays.name(r)));
        return s;
    }

    private static String envSecret(JsonNode container, String env, String key) {
        JsonNode ref = stream(container.path("env"))
                .filter(e -> e.path("name").asText().equals(env))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + env))
                .path("valueFrom")
                .path("secretKeyRef");
        assertThat(ref.path("key").asText()).isEqualTo(key);
        return ref.path("name").asText();
    }

    /** Kubernetes memory quantities in bytes (the suffixes the manifests use). */
    static long bytes(String q) {
        Matcher m = Pattern.compile("^([0-9]+)(Ki|Mi|Gi|Ti)?$").matcher(q);
        assertThat(m.matches()).as("memory quantity " + q).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> n << 10;
            case "Mi" -> n << 20;
            case "Gi" -> n << 30;
            case "Ti" -> n << 40;
            default -> n;
        };
    }
}
