package org.civstart.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's settings ({@code civstart.gateway.*}, environment {@code CIVSTART_GATEWAY_*}); each
 * default is written here, once.
 */
@ConfigMapping(prefix = "civstart.gateway")
public interface GatewayConfig {

    /** Recent events kept in memory per partition for resumes (older gaps are read from Kafka). */
    @WithDefault("1000")
    int historyPerPartition();

    /**
     * Bytes a connection may have queued and not yet taken from its socket; beyond it the client is
     * too slow and is closed (4008, resumable).
     */
    @WithDefault("262144")
    int outboundQueueBytes();

    /**
     * Live frames are written at most this long after the first of them was routed: frames for one
     * connection within the window leave in one write (one system call instead of one each), at the
     * price of this much added latency at most. 0 writes after every poll of Kafka.
     */
    @WithDefault("2ms")
    Duration flushDelay();

    /** Every connection gets a WebSocket ping this often (a peer answering nothing is closed after {@link #deadPeerTimeout}). */
    @WithDefault("20s")
    Duration pingInterval();

    /**
     * How long a new connection waits for a first {@code resume} before it goes live from the
     * moment it connected (a {@code subscribe} ends the wait at once). Nothing is lost meanwhile.
     */
    @WithDefault("250ms")
    Duration resumeGrace();

    /** Every connection gets a {@code system:heartbeat} with its current position this often. */
    @WithDefault("25s")
    Duration heartbeatInterval();

    /** A connection that answered no ping and sent nothing for this long is closed as dead. */
    @WithDefault("75s")
    Duration deadPeerTimeout();

    /** Client frames larger than this get an error frame (the hard limit closes the connection). */
    @WithDefault("8192")
    int maxClientFrame();

    /** The hard limit for a client frame or message: beyond it the connection is closed with 1009. */
    @WithDefault("65536")
    int maxClientMessage();

    /** Replays reading Kafka at once (resumes from memory are not limited). */
    @WithDefault("4")
    int replayConcurrency();

    /** A replay waits this long for a slow client's queue before it closes the connection. */
    @WithDefault("10s")
    Duration replaySendTimeout();

    /**
     * Origins whose pages may call {@code /api/*} from the browser (CORS), e.g.
     * {@code https://admin.civstart.org}; {@code *} allows any. Unset: same origin only.
     * (WebSocket upgrades are not restricted by origin: they need a valid token.)
     */
    Optional<List<String>> corsOrigins();
}
