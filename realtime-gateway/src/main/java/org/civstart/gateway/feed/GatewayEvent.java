package org.civstart.gateway.feed;

import java.time.Instant;

import org.civstart.events.EventType;

/**
 * One Kafka record as the gateway delivers it: where it sits (partition index and offset), what it
 * is, who it concerns, and its payload. Immutable; the feed makes it once and every connection,
 * live or replaying, shares it. A record the gateway cannot deliver is kept as a placeholder with a
 * null {@code type} (it keeps a partition's offsets contiguous in memory and is never sent).
 *
 * @param partition index in the {@link Layout}
 * @param startupId the {@code ce_startupid} header, or null
 * @param audience the {@code ce_audience} header (comma list of tokens), or null
 * @param userId the {@code ce_userid} header, or null
 * @param signalId the payload's {@code signalId}, for admin filters, or null
 * @param actor {@code ce_actor}: who made the change, or null
 * @param correlationId {@code ce_correlationid}: the request that made it, or null
 * @param data the payload JSON
 * @param traceparent {@code ce_traceparent}: the trace the event belongs to, or null
 */
public record GatewayEvent(
        int partition,
        long offset,
        String id,
        EventType type,
        Instant time,
        String startupId,
        String audience,
        String userId,
        String signalId,
        String actor,
        String correlationId,
        String data,
        String traceparent) {

    static GatewayEvent placeholder(int partition, long offset) {
        return new GatewayEvent(partition, offset, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether it can be sent at all (a catalog event with a JSON object payload). */
    public boolean deliverable() {
        return type != null;
    }
}
