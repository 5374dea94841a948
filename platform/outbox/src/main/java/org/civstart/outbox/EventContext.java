package org.civstart.outbox;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who acts, and for which request, in the current unit of work: {@link OutboxWriter} writes both
 * into every event it stores, as {@code ce_actor} and {@code ce_correlationid}, so a client can
 * recognise its own change in the event stream (optimistic updates) and an operator can follow one
 * request through every service.
 *
 * <p>Nobody has to pass it around: for HTTP requests platform/rest's request filter fills it from
 * the token's {@code sub} and the {@code X-Request-Id} / {@code Idempotency-Key} header; work that
 * no request started (a Kafka consumer, a scheduler) runs through {@link Acting#as}. When nothing
 * was set, events carry actor {@code system} and a correlation id made once per transaction.
 */
@RequestScoped
public class EventContext {

    private String actor;
    private String correlationId;

    /** The acting user's {@code sub}, {@code system}, {@code airtable}; null when not known. */
    public String actor() {
        return actor;
    }

    /** The id every event of this unit of work carries; null when not known. */
    public String correlationId() {
        return correlationId;
    }

    public void set(String actor, String correlationId) {
        this.actor = actor;
        this.correlationId = correlationId;
    }
}
