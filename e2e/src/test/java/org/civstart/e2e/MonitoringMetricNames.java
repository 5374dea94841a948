package org.civstart.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The metric names that deploy/k8s/monitoring queries (the Grafana dashboard's targets and
 * variables, the PrometheusRule's expressions), and the names a {@code /q/metrics} page exports.
 *
 * <p>PromQL is read crudely but safely: string literals, label matchers ({@code {...}}), ranges and
 * subqueries ({@code [...]}), grouping label lists ({@code by (...)}, {@code on (...)}, ...) and
 * Grafana variables are cut out; what remains that looks like an identifier is a metric name unless
 * it is a function (followed by {@code (}), a keyword, or part of a number. Names are compared as
 * the exposition format writes its samples: a histogram's {@code _bucket}, {@code _count} and
 * {@code _sum}, a counter's {@code _total} are part of the name on both sides.
 */
final class MonitoringMetricNames {

    static final Path MONITORING = Path.of("..", "deploy", "k8s", "monitoring");
    static final Path DASHBOARD = MONITORING.resolve("civstart-dashboard.json");
    static final Path RULES = MONITORING.resolve("prometheus-rules.yaml");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*");
    /** Grafana's label_values(metric, label): only the first argument is a metric (selector). */
    private static final Pattern LABEL_VALUES =
            Pattern.compile("label_values\\s*\\(([^,()]*(?:\\{[^}]*})?)\\s*,\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");

    private static final Pattern IDENTIFIER = Pattern.compile("(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "start",
            "end");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private MonitoringMetricNames() {}

    /** Every metric name the dashboard and the alerts use. */
    static Set<String> used() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(e -> names.addAll(inExpression(e)));
        return names;
    }

    /** The dashboard's queries (targets, query variables) and the alerts' expressions. */
    static List<String> expressions() {
        List<String> out = new ArrayList<>();
        JsonNode dashboard = read(JSON, DASHBOARD);
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> out.add(t.path("expr").asText()));
            panel.path("panels")
                    .forEach(p -> p.path("targets")
                            .forEach(t -> out.add(t.path("expr").asText())));
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText())) {
                JsonNode q = v.path("query");
                out.add(q.isTextual() ? q.asText() : q.path("query").asText());
            }
        }
        for (JsonNode group : read(YAML, RULES).path("spec").path("groups")) {
            group.path("rules").forEach(r -> out.add(r.path("expr").asText()));
        }
        return out;
    }

    /** The metric names in one PromQL (or Grafana label_values) expression. */
    static Set<String> inExpression(String promql) {
        String s = STRING.matcher(promql).replaceAll(" ");
        s = LABEL_VALUES.matcher(s).replaceAll(m -> Matcher.quoteReplacement(" " + m.group(1) + " "));
        s = VARIABLE.matcher(s).replaceAll(" ");
        for (Pattern nested : List.of(MATCHERS, RANGES)) {
            String before;
            do {
                before = s;
                s = nested.matcher(s).replaceAll(" ");
            } while (!s.equals(before));
        }
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean function = next < s.length() && s.charAt(next) == '(';
            if (!function && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text exposition ({@code /q/metrics}). */
    static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
