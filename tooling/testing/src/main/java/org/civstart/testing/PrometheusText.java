package org.civstart.testing;

/**
 * Reads samples out of a {@code /q/metrics} page (Prometheus text or OpenMetrics). A sample line is
 * {@code name{labels} value [timestamp]}, and with tracing on a counter or histogram sample may end
 * with an exemplar ({@code # {trace_id="…",span_id="…"} value timestamp}): the value is the first
 * number after the name and labels, never the line's last.
 */
public final class PrometheusText {

    private PrometheusText() {}

    /** The sum of every sample of {@code metric} (any labels) whose label text contains {@code labelFragment}. */
    public static double sum(String page, String metric, String labelFragment) {
        double sum = 0;
        for (String line : page.split("\n")) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            int labelsEnd = line.startsWith(metric + "{") ? line.indexOf('}', metric.length()) + 1 : metric.length();
            if (!line.substring(metric.length(), labelsEnd).contains(labelFragment)) {
                continue;
            }
            sum += value(line);
        }
        return sum;
    }

    /** The value of one sample line: the number after its name and labels. */
    public static double value(String sampleLine) {
        int labelsEnd = sampleLine.indexOf('{') >= 0 && sampleLine.indexOf('{') < sampleLine.indexOf(' ')
                ? sampleLine.indexOf('}') + 1
                : sampleLine.indexOf(' ');
        String rest = sampleLine.substring(labelsEnd).trim();
        int end = rest.indexOf(' ');
        return Double.parseDouble(end < 0 ? rest : rest.substring(0, end));
    }
}
