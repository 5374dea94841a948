package org.civstart.gateway.feed;

import org.civstart.events.Topic;

/**
 * What the feed hands downstream, always on the feed thread, in Kafka order per partition. The feed
 * knows nothing of who receives what: routing implements this.
 */
public interface FeedListener {

    /** A deliverable event consumed live (after the replica became ready). */
    void onEvent(GatewayEvent event);

    /**
     * A record of a compacted topic (current state per key, e.g. saved preferences), while warming
     * up ({@code live} false: before the replica reports ready) and live; {@code value} null deletes the key.
     */
    void onState(Topic topic, String key, String value, String userIdHeader, boolean live);

    /** Called after every poll of Kafka (with or without records): a natural point to write in bulk. */
    void onBatchEnd();

    /** How soon held writes are due at {@link #onBatchEnd} (nanoseconds, 0 if now), or -1 when none are held. */
    long nanosUntilWrite();

    /** The feed stopped: this replica cannot deliver anymore. */
    void onStopped();
}
