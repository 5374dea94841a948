package org.civstart.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.civstart.events.CloudEvent;
import org.civstart.observability.EventTraces;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;

/**
 * Runs work that no HTTP request started under an explicit actor and correlation id, e.g. a Kafka
 * consumer applying an Airtable edit carries the consumed event's correlation id forward:
 *
 * <pre>
 * acting.as(CloudEvent.AIRTABLE_ACTOR, event.correlationId(), () -&gt; sync.apply(event));
 * </pre>
 *
 * Every outbox event fired inside carries them ({@link EventContext}). A null correlation id gets
 * one made per transaction. Nested calls restore the outer values.
 *
 * <p>Work caused by a consumed event goes through {@link #onEvent}: it continues that event's
 * correlation id and its trace, so the events it fires lead back to the change that caused them.
 */
@ApplicationScoped
public class Acting {

    @Inject
    EventContext context;

    @Inject
    Tracer tracer;

    @ActivateRequestContext
    public <T> T as(String actor, String correlationId, Supplier<T> work) {
        String outerActor = context.actor();
        String outerCorrelationId = context.correlationId();
        context.set(actor, correlationId);
        try {
            return work.get();
        } finally {
            context.set(outerActor, outerCorrelationId);
        }
    }

    /** The correlation id of the current unit of work, to hand to work that continues it elsewhere; null if none. */
    public String correlationId() {
        return Arc.container().requestContext().isActive() ? context.correlationId() : null;
    }

    /**
     * Runs {@code work} caused by {@code event} (consumed from {@code topic}) as {@code actor}, under the
     * event's correlation id (its {@code ce_id} when it has none) and inside a consumer span that
     * continues the event's trace ({@code ce_traceparent}); the span records how old the event was when
     * the work began ({@code civstart.event.age_ms}: commit → here) and fails with the work.
     */
    public <T> T onEvent(CloudEvent event, String topic, String actor, Supplier<T> work) {
        String correlationId = event.correlationId() != null ? event.correlationId() : event.id();
        Span span = EventTraces.start(tracer, "consume " + event.type(), SpanKind.CONSUMER, event, topic);
        span.setAttribute(
                "civstart.event.age_ms",
                Duration.between(event.time(), Instant.now()).toMillis());
        try (Scope ignored = span.makeCurrent()) {
            return as(actor, correlationId, work);
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    @ActivateRequestContext
    public void as(String actor, String correlationId, Runnable work) {
        as(actor, correlationId, () -> {
            work.run();
            return null;
        });
    }
}
