package org.civstart.gateway.fanout;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.civstart.events.EventType;

/**
 * One Kafka record as the gateway delivers it: where it sits (partition index and offset), who
 * may see it, and its frames already rendered (one per WebSocket name) with the feed position
 * after it. Immutable and shared by every connection that receives it.
 *
 * @param partition index in the {@link Layout}
 * @param startupId the {@code ce_startupid} header, or null
 * @param audience the {@code ce_audience} tokens
 * @param signalId the payload's {@code signalId}, for admin filters, or null
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
        Set<String> audience,
        String signalId,
        String data,
        List<String> liveFrames) {
}
