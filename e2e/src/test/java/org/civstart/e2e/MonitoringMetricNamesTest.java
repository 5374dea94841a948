package org.civstart.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name extraction that EndToEndIT checks the monitoring files with: what it must find and what it must not. */
class MonitoringMetricNamesTest {

    @Test
    void metricNamesAreFoundAndLabelsFunctionsKeywordsAndNumbersAreNot() {
        assertThat(MonitoringMetricNames.inExpression(
                        "histogram_quantile(0.99, sum by (le) (rate(gateway_delivery_latency_seconds_bucket{namespace=\"$namespace\", "
                                + "job=\"realtime-gateway\"}[$__rate_interval])))"))
                .containsExactly("gateway_delivery_latency_seconds_bucket");
        assertThat(MonitoringMetricNames.inExpression(
                        "max by (namespace, job) (outbox_oldest_pending_age_seconds) > 30"))
                .containsExactly("outbox_oldest_pending_age_seconds");
        assertThat(
                        MonitoringMetricNames.inExpression(
                                "a_total{job=~\"x|y\", le=\"0.5\"} / on (pod) group_left (endpoint) b offset 5m or vector(0) unless bool 1e3"))
                .containsExactly("a_total", "b");
        assertThat(
                        MonitoringMetricNames.inExpression(
                                "delta(sum by (job) (max by (job, topic) (lag{x=~\"a\"}))[10m:1m]) > 0 and sum(rate(c[5m])) by (job) == 0"))
                .containsExactly("c", "lag");
        assertThat(MonitoringMetricNames.inExpression("label_values(gateway_connections, namespace)"))
                .containsExactly("gateway_connections");
        assertThat(MonitoringMetricNames.inExpression("up == 0")).containsExactly("up");
        assertThat(MonitoringMetricNames.inExpression("m{a=\"}{[(\", b='x y'} * 60"))
                .containsExactly("m");
        assertThat(MonitoringMetricNames.inExpression("sum(rate(x[${__rate_interval}])) * $factor"))
                .containsExactly("x");
    }

    @Test
    void theExposedNamesAreTheSampleNames() {
        String page = """
                # HELP gateway_events_in_total events taken in
                # TYPE gateway_events_in_total counter
                gateway_events_in_total{type="signal.created"} 3.0
                gateway_delivery_latency_seconds_bucket{le="0.001"} 1
                outbox_pending_rows 0.0
                """;
        assertThat(MonitoringMetricNames.exported(page))
                .containsExactly(
                        "gateway_delivery_latency_seconds_bucket", "gateway_events_in_total", "outbox_pending_rows");
    }

    @Test
    void theMonitoringFilesUseTheMetricsOfEveryPanelAndAlert() {
        assertThat(MonitoringMetricNames.used())
                .contains(
                        "gateway_connections",
                        "gateway_events_in_total",
                        "gateway_frames_out_total",
                        "gateway_delivery_latency_seconds_bucket",
                        "gateway_slow_client_closes_total",
                        "gateway_dead_peer_closes_total",
                        "outbox_pending_rows",
                        "outbox_oldest_pending_age_seconds",
                        "kafka_consumer_fetch_manager_records_lag",
                        "kafka_consumer_last_poll_seconds_ago",
                        "notification_deliveries_total",
                        "airtable_webhooks",
                        "airtable_webhook_expires_in_seconds")
                .allSatisfy(name -> assertThat(name)
                        .as("a metric name, not a label or a function")
                        .doesNotContain("$")
                        .isNotIn("namespace", "job", "pod", "le", "endpoint", "sum", "rate", "max", "by"));
    }
}
