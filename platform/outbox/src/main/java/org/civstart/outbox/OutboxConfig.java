package org.civstart.outbox;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "civstart.outbox")
public interface OutboxConfig {

    /** Run the relay in this process (a service may leave relaying to Debezium). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows read and published per round trip. */
    @WithDefault("1000")
    int batchSize();

    /**
     * The safety-net sweep: how long the relay waits for a commit wake-up before it looks anyway
     * (rows committed by another replica, or left by a crash). Also how often a standby replica
     * tries to take over the leader lock.
     */
    @WithDefault("250ms")
    Duration sweepInterval();

    /** How long to pause after Kafka or the database failed, before the next attempt. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Extra Kafka producer properties, e.g. {@code civstart.outbox.producer."linger.ms"=5}. */
    Map<String, String> producer();
}
