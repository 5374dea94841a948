package org.civstart.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String PAGE = """
            # TYPE airtable_pings_total counter
            airtable_pings_total{outcome="bad_mac"} 3.0 # {span_id="00f067aa0ba902b7",trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 1.0 1733339123.456
            airtable_pings_total{outcome="missing_mac"} 2.0
            airtable_pings_total_created{outcome="bad_mac"} 1.7333391E9
            jvm_memory_used_bytes{area="heap",id="ZGC Young Generation"} 1.2E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            outbox_pending_rows 4.0
            """;

    @Test
    void aSampleIsItsFirstNumberEvenWithAnExemplarBehindIt() {
        assertThat(PrometheusText.sum(PAGE, "airtable_pings_total", "outcome=\"bad_mac\""))
                .isEqualTo(3.0);
        assertThat(PrometheusText.sum(PAGE, "airtable_pings_total", ""))
                .as("every label set, not _created")
                .isEqualTo(5.0);
        assertThat(PrometheusText.sum(PAGE, "jvm_memory_used_bytes", "area=\"heap\""))
                .isEqualTo(1.2E7);
        assertThat(PrometheusText.sum(PAGE, "outbox_pending_rows", "")).isEqualTo(4.0);
        assertThat(PrometheusText.sum(PAGE, "gateway_connections", "")).isZero();
        assertThat(PrometheusText.value(
                        "gateway_delivery_latency_seconds_bucket{le=\"0.005\"} 7.0 # {trace_id=\"ab\"} 0.004 1.7E9"))
                .isEqualTo(7.0);
    }
}
