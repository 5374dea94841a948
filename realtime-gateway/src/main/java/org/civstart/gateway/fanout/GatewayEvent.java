package org.civstart.gateway.fanout;

import java.time.Instant;
import java.util.List;

import org.civstart.events.EventType;

/**
 * One Kafka record as the gateway delivers it: where it sits (partition index and offset), who
 * may see it, and its frames already rendered (one per WebSocket name) with the feed position
 * after it. Immutable and shared by every connection that receives it.
 *
 * @param partition index in the {@link Layout}
 * @param startupId the {@code ce_startupid} header, or null
 * @param recipients who may receive it ({@code ce_audience}, {@code ce_startupid}, {@code ce_userid})
 * @param signalId the payload's {@code signalId}, for admin filters, or null
 * @param actor {@code ce_actor}: who made the change, or null
 * @param correlationId {@code ce_correlationid}: the request that made it, or null
 * @param data the payload JSON
 * @param liveFrames the frames with the feed position after this event
 */
public record GatewayEvent(
        int partition,
        long offset,
        String id,
        EventType type,
        Instant time,
        String startupId,
        Recipients recipients,
        String signalId,
        String actor,
        String correlationId,
        String data,
        List<String> liveFrames) {
}
