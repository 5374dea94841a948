package org.civstart.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.civstart.events.CloudEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class EventTracesTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void theCurrentSpanTravelsAsAW3cTraceparentAndComesBackAsTheParent() {
        Span span = tracer.spanBuilder("work").startSpan();
        String traceparent;
        try (Scope ignored = span.makeCurrent()) {
            traceparent = EventTraces.current();
        } finally {
            span.end();
        }
        assertThat(traceparent)
                .isEqualTo("00-" + span.getSpanContext().getTraceId() + "-"
                        + span.getSpanContext().getSpanId() + "-01");
        Span parent = Span.fromContext(EventTraces.parent(traceparent));
        assertThat(parent.getSpanContext().getTraceId())
                .isEqualTo(span.getSpanContext().getTraceId());
        assertThat(parent.getSpanContext().getSpanId())
                .isEqualTo(span.getSpanContext().getSpanId());
        assertThat(parent.getSpanContext().isRemote()).isTrue();
    }

    @Test
    void withoutASpanThereIsNoTraceparentAndGarbageNamesNoParent() {
        assertThat(EventTraces.current()).isNull();
        assertThat(EventTraces.traceparent(Context.root())).isNull();
        assertThat(EventTraces.parent(null)).isSameAs(Context.root());
        assertThat(Span.fromContext(EventTraces.parent("not-a-traceparent"))
                        .getSpanContext()
                        .isValid())
                .isFalse();
    }

    @Test
    void aConsumerSpanIsAChildOfTheSpanThatPublishedTheEvent() {
        Span publish = tracer.spanBuilder("publish").startSpan();
        String traceparent = EventTraces.traceparent(Context.root().with(publish));
        publish.end();
        CloudEvent event = new CloudEvent(
                        "id-1", "signal.assigned", "signal-service", "s-1", Instant.now(), null, "admin", "{}")
                .withTraceparent(traceparent);

        EventTraces.start(tracer, "consume signal.assigned", SpanKind.CONSUMER, event, "signals")
                .end();

        SpanData consume = exported.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("consume"))
                .findFirst()
                .orElseThrow();
        assertThat(consume.getTraceId()).isEqualTo(publish.getSpanContext().getTraceId());
        assertThat(consume.getParentSpanId()).isEqualTo(publish.getSpanContext().getSpanId());
        assertThat(consume.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consume.getAttributes().asMap().toString())
                .contains("cloudevents.event_id=id-1", "messaging.destination.name=signals");
    }
}
