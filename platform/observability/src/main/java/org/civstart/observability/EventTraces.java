package org.civstart.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.civstart.events.CloudEvent;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * How a trace follows an event from the service that made it to everyone who consumes it: the event
 * carries the W3C {@code traceparent} of the span that published it as {@code ce_traceparent}
 * (CloudEvents' distributed-tracing extension), and each consumer starts its span as a child of it.
 * Without a trace (tracing off, or work no span covers) every method degrades to "no parent".
 */
public final class EventTraces {

    private static final String TRACEPARENT = "traceparent";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private EventTraces() {}

    /** The {@code traceparent} of the current span, or null when no sampled span is current. */
    public static String current() {
        return traceparent(Context.current());
    }

    /** The {@code traceparent} of the span in {@code context}, or null when it has none. */
    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a {@code traceparent} names, as a parent for new spans; the root context for null or garbage. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isEmpty()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent, ONE_VALUE);
    }

    /**
     * Starts a span of kind {@code kind} for work on {@code event} that continues the event's trace
     * (its {@code ce_traceparent}), with the messaging and CloudEvents attributes a trace viewer shows.
     * The caller ends it; make it current ({@code span.makeCurrent()}) for the work it covers.
     */
    public static Span start(Tracer tracer, String name, SpanKind kind, CloudEvent event, String topic) {
        return start(tracer, name, kind, event.traceparent(), event.id(), event.type(), topic);
    }

    /** {@link #start(Tracer, String, SpanKind, CloudEvent, String)} from the event's attributes. */
    public static Span start(
            Tracer tracer,
            String name,
            SpanKind kind,
            String traceparent,
            String eventId,
            String eventType,
            String topic) {
        return tracer.spanBuilder(name)
                .setParent(parent(traceparent))
                .setSpanKind(kind)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .setAttribute("cloudevents.event_id", eventId)
                .setAttribute("cloudevents.event_type", eventType)
                .startSpan();
    }
}
