package org.civstart.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The monitoring kustomization (k8s/monitoring): the Grafana dashboard is a well-formed dashboard
 * and reaches the cluster unchanged as the sidecar's ConfigMap, the PrometheusRule's alerts are
 * complete, and the PodMonitor scrapes exactly the four services on a port the network policies
 * open to Prometheus. That every metric name used exists on the running services is checked by
 * e2e's EndToEndIT; with promtool on the PATH, every expression is parsed by Prometheus' own parser
 * and the alerts are evaluated on sample series ({@code src/test/resources/prometheus-rules-test.yaml}).
 */
class MonitoringTest {

    static final List<String> OVERLAYS = Overlays.NAMES;
    static final Path MONITORING = Overlays.K8S.resolve("monitoring");
    static final Path DASHBOARD = MONITORING.resolve("civstart-dashboard.json");
    static final Path RULES = MONITORING.resolve("prometheus-rules.yaml");

    /** Duplicate keys are an error (Grafana would silently keep the last one). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Grafana's own variables that a query may use besides the dashboard's. */
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(Files.readString(DASHBOARD));
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add); // panels of a collapsed row
        }
        return all;
    }

    @Test
    void theDashboardIsAWellFormedGrafanaDashboard() throws IOException {
        JsonNode d = dashboard();
        assertThat(d.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(d.has("id"))
                .as("no database id: Grafana assigns it when it provisions the dashboard")
                .isFalse();

        Map<String, JsonNode> variables = new LinkedHashMap<>();
        d.path("templating")
                .path("list")
                .forEach(v -> variables.put(v.path("name").asText(), v));
        JsonNode datasource = variables.get("datasource");
        assertThat(datasource).as("a datasource variable").isNotNull();
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");

        List<JsonNode> panels = panels(d);
        assertThat(panels).hasSizeGreaterThan(10);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : panels) {
            String title = p.path("title").asText();
            assertThat(p.path("id").isInt()).as(title + ": id").isTrue();
            assertThat(ids.add(p.path("id").asInt()))
                    .as("panel id %s unique (%s)", p.path("id"), title)
                    .isTrue();
            assertThat(title).as("panel %s has a title", p.path("id")).isNotBlank();
            JsonNode grid = p.path("gridPos");
            assertThat(grid.path("w").asInt()).as(title + ": width").isBetween(1, 24);
            assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                    .as(title + ": inside the 24 columns")
                    .isLessThanOrEqualTo(24);
            assertThat(grid.path("h").asInt()).as(title + ": height").isPositive();
            if ("row".equals(p.path("type").asText())) {
                continue;
            }
            assertThat(p.path("type").asText())
                    .as(title + ": type")
                    .isIn("timeseries", "stat", "gauge", "table", "bargauge");
            assertThat(p.path("datasource").path("uid").asText())
                    .as(title + ": datasource")
                    .isEqualTo("${datasource}");
            assertThat(p.path("targets")).as(title + ": targets").isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                assertThat(refIds.add(t.path("refId").asText()))
                        .as(title + ": refId " + t.path("refId") + " unique")
                        .isTrue();
                assertThat(t.path("datasource").path("uid").asText())
                        .as(title + ": target datasource")
                        .isEqualTo("${datasource}");
                String expr = t.path("expr").asText();
                assertThat(expr).as(title + ": expr").isNotBlank();
                Matcher m = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)").matcher(expr);
                while (m.find()) {
                    assertThat(variables.containsKey(m.group(1)) || GRAFANA_VARIABLES.contains(m.group(1)))
                            .as(title + ": variable $" + m.group(1) + " is defined")
                            .isTrue();
                }
            }
        }
        assertThat(overlapping(panels)).as("panels that overlap").isEmpty();
    }

    /** Pairs of panels whose grid rectangles overlap (Grafana would push one of them down). */
    private static List<String> overlapping(List<JsonNode> panels) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode a = panels.get(i).path("gridPos");
                JsonNode b = panels.get(j).path("gridPos");
                boolean x =
                        a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                                && b.path("x").asInt()
                                        < a.path("x").asInt() + a.path("w").asInt();
                boolean y =
                        a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                                && b.path("y").asInt()
                                        < a.path("y").asInt() + a.path("h").asInt();
                if (x && y) {
                    out.add(panels.get(i).path("title").asText() + " / "
                            + panels.get(j).path("title").asText());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theDashboardReachesGrafanasSidecarUnchanged(String overlay) throws IOException {
        ObjectNode cm = Overlays.get(overlay, "ConfigMap", "civstart-dashboard");
        assertThat(cm.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
        assertThat(cm.path("metadata").path("labels").path("grafana_dashboard").asText())
                .isEqualTo("1");
        assertThat(cm.path("data").path("civstart-dashboard.json").asText()).isEqualTo(Files.readString(DASHBOARD));
        // kubectl apply keeps the object in an annotation, which must stay below 256 KiB
        assertThat(Files.size(DASHBOARD)).isLessThan(200 * 1024);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyAlertHasASeverityASummaryAndADescription(String overlay) {
        JsonNode rule = Overlays.get(overlay, "PrometheusRule", "civstart");
        assertThat(rule.path("metadata").path("namespace").asText()).isEqualTo("monitoring");
        Set<String> groups = new HashSet<>();
        Set<String> alerts = new HashSet<>();
        for (JsonNode g : rule.path("spec").path("groups")) {
            assertThat(groups.add(g.path("name").asText()))
                    .as("group %s unique", g.path("name"))
                    .isTrue();
            assertThat(g.path("rules")).as(g.path("name") + " has rules").isNotEmpty();
            for (JsonNode r : g.path("rules")) {
                String alert = r.path("alert").asText();
                assertThat(alert).as("every rule is an alert").matches("Civstart[A-Za-z]+");
                assertThat(alerts.add(alert)).as(alert + " unique").isTrue();
                assertThat(r.path("labels").path("severity").asText())
                        .as(alert + " severity")
                        .isIn("critical", "warning");
                assertThat(r.path("annotations").path("summary").asText())
                        .as(alert + " summary")
                        .isNotBlank();
                assertThat(r.path("annotations").path("description").asText())
                        .as(alert + " description")
                        .isNotBlank();
                assertThat(r.path("for").asText())
                        .as(alert + ": for (no alert on a single scrape)")
                        .isNotBlank();
            }
        }
        assertThat(alerts)
                .contains(
                        "CivstartOutboxEventsStuck",
                        "CivstartGatewayNotConsuming",
                        "CivstartKafkaConsumerLagGrowing",
                        "CivstartAirtableWebhookExpired",
                        "CivstartNotificationDeliveryFailures");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void thePodMonitorScrapesTheFourServicesOnAPortPrometheusMayReach(String overlay) throws IOException {
        JsonNode pm = Overlays.get(overlay, "PodMonitor", "civstart");
        JsonNode spec = pm.path("spec");
        List<String> namespaces = StreamSupport.stream(
                        spec.path("namespaceSelector").path("matchNames").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
        String jobLabel = spec.path("jobLabel").asText();
        JsonNode endpoint = spec.path("podMetricsEndpoints").path(0);
        assertThat(spec.path("podMetricsEndpoints")).hasSize(1);
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");

        NetworkPolicies np = new NetworkPolicies(Overlays.ofKind(overlay, "NetworkPolicy"));
        List<String> scraped = new ArrayList<>();
        for (JsonNode d : Overlays.ofKind(overlay, "Deployment")) {
            JsonNode template = d.path("spec").path("template");
            Map<String, String> labels =
                    PlatformWiringTest.labels(template.path("metadata").path("labels"));
            if (!namespaces.contains(d.path("metadata").path("namespace").asText())
                    || !NetworkPolicies.selects(spec.path("selector"), labels)) {
                continue;
            }
            String service = Overlays.name(d);
            scraped.add(service);
            assertThat(labels.get(jobLabel))
                    .as(service + ": the job label is the service's name")
                    .isEqualTo(service);
            JsonNode port = StreamSupport.stream(
                            Overlays.container(d).path("ports").spliterator(), false)
                    .filter(p ->
                            p.path("name").asText().equals(endpoint.path("port").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no port " + endpoint.path("port")));
            assertThat(np.ingressAllowed(
                            labels,
                            port.path("containerPort").asInt(),
                            NetworkPolicies.Peer.namespace("monitoring", Map.of())))
                    .as("Prometheus in namespace monitoring reaches " + service)
                    .isTrue();
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(Overlays.SERVICES);

        // the jobs that the dashboard and the alerts select are these services
        Set<String> jobs = new HashSet<>();
        Matcher m = Pattern.compile("job=~?\\\\?\"([^\"\\\\]+)")
                .matcher(Files.readString(DASHBOARD) + Files.readString(RULES));
        while (m.find()) {
            jobs.addAll(List.of(m.group(1).split("\\|")));
        }
        assertThat(jobs).isNotEmpty();
        assertThat(Overlays.SERVICES).containsAll(jobs);
    }

    /** Every dashboard query and every alert expression, through Prometheus' own parser (promtool). */
    @Test
    void everyExpressionParsesAsPromQL(@TempDir Path dir) throws Exception {
        ObjectNode file = Kustomize.YAML.createObjectNode();
        ArrayNode groups = file.putArray("groups");
        ObjectNode dashboardGroup = groups.addObject().put("name", "dashboard");
        ArrayNode recorded = dashboardGroup.putArray("rules");
        for (JsonNode p : panels(dashboard())) {
            for (JsonNode t : p.path("targets")) {
                String expr = t.path("expr")
                        .asText()
                        .replace("$namespace", "civstart")
                        .replace("$__rate_interval", "1m");
                assertThat(expr).as("no other variable").doesNotContain("$");
                recorded.addObject()
                        .put(
                                "record",
                                "dashboard:panel_" + p.path("id").asInt() + "_"
                                        + t.path("refId").asText())
                        .put("expr", expr);
            }
        }
        rules().path("spec").path("groups").forEach(groups::add);
        Path rulesFile = dir.resolve("rules.yaml");
        Kustomize.YAML.writeValue(rulesFile.toFile(), file);
        String out = promtool(dir, "check", "rules", rulesFile.toString());
        assertThat(out).contains("SUCCESS: " + (recorded.size() + countAlerts()) + " rules found");
    }

    /** The alerts fire, with the labels that route them, on sample series, and stay quiet on healthy ones. */
    @Test
    void theAlertsFireWhenTheyShouldAndOnlyThen(@TempDir Path dir) throws Exception {
        ObjectNode file = Kustomize.YAML.createObjectNode();
        ArrayNode groups = file.putArray("groups");
        for (JsonNode g : rules().path("spec").path("groups")) {
            ObjectNode copy = g.deepCopy();
            copy.path("rules")
                    .forEach(r -> ((ObjectNode) r).remove("annotations")); // text: not what this test is about
            groups.add(copy);
        }
        Kustomize.YAML.writeValue(dir.resolve("rules.yaml").toFile(), file);
        Files.copy(Path.of("src/test/resources/prometheus-rules-test.yaml"), dir.resolve("test.yaml"));
        String out = promtool(dir, "test", "rules", "test.yaml");
        assertThat(out).contains("SUCCESS");
    }

    private static JsonNode rules() {
        List<ObjectNode> docs = Kustomize.readAll(RULES);
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    private static int countAlerts() {
        int n = 0;
        for (JsonNode g : rules().path("spec").path("groups")) {
            n += g.path("rules").size();
        }
        return n;
    }

    /** Runs promtool (Debian's package prometheus); without it the calling test is skipped. */
    private static String promtool(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noPromtool) {
            assumeTrue(false, "promtool not installed: " + noPromtool.getMessage());
            return "";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue())
                .as("promtool " + String.join(" ", args) + ":\n" + out)
                .isZero();
        System.out.println(out.strip());
        return out;
    }
}
