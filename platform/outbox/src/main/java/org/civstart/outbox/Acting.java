package org.civstart.outbox;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

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
 */
@ApplicationScoped
public class Acting {

    @Inject
    EventContext context;

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

    @ActivateRequestContext
    public void as(String actor, String correlationId, Runnable work) {
        as(actor, correlationId, () -> {
            work.run();
            return null;
        });
    }
}
