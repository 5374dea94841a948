package org.civstart.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.civstart.events.CloudEvent;
import org.civstart.observability.EventTraces;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Moves committed outbox rows to Kafka.
 *
 * <p><b>Replicas: a leader lock.</b> Every replica of a service runs a relay, but only the one
 * holding the PostgreSQL session advisory lock {@link #LEADER_LOCK} publishes; the others retry
 * the lock every sweep interval and take over within that interval when the leader's session
 * ends (crash, network loss: PostgreSQL releases the lock with the session). One publisher reading
 * rows in {@code seq} order keeps the order of each aggregate's events without any claiming
 * protocol, and batching keeps a single relay well above the services' write rates (see the
 * outbox benchmark). Row claiming with {@code FOR UPDATE SKIP LOCKED} would let two relays publish
 * two events of one aggregate concurrently and reorder them.
 *
 * <p><b>No skipped rows.</b> The relay has no cursor: it reads whatever rows exist, oldest
 * {@code seq} first, and deletes a row only after the broker acknowledged it (idempotent
 * producer, {@code acks=all}). A transaction that took a low {@code seq} but committed late is
 * simply read by the next round.
 *
 * <p><b>Latency.</b> Commits wake the relay at once: this replica's own commits in-process
 * ({@link #wakeUp()}, called after commit by {@link OutboxWriter}), another replica's through
 * PostgreSQL {@code NOTIFY} ({@link CommitListener}). The sweep every {@code sweepInterval} is
 * the safety net for rows that nothing announced (a crash between commit and publish).
 *
 * <p><b>Failures.</b> If the broker rejects a record, the acknowledged records of other aggregates
 * are deleted, and for the failing aggregate nothing from the failed record on is deleted, so the
 * retry republishes them in order (at-least-once: consumers dedupe on {@code ce_id}).
 */
public final class OutboxRelay implements AutoCloseable {

    /** Advisory lock key of the relay leader (one per service database). */
    public static final long LEADER_LOCK = 0x0C1F57A7_0B0CL;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final String source;
    private final int batchSize;
    private final Duration sweepInterval;
    private final Duration retryBackoff;
    private final String name;

    /** Told the moment the broker acknowledges each event (benchmarks measure commit → ack with it). */
    @FunctionalInterface
    public interface AckListener {
        void acked(String eventId, long nanoTime);
    }

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile AckListener ackListener;
    private volatile Tracer tracer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final LongAdder fetchNanos = new LongAdder();
    private final LongAdder publishNanos = new LongAdder();
    private final LongAdder deleteNanos = new LongAdder();
    private volatile boolean running;
    private volatile boolean leader;
    private volatile Thread thread;
    private CommitListener listener;
    private Connection connection;

    public OutboxRelay(
            DataSource dataSource,
            Producer<String, String> producer,
            String source,
            int batchSize,
            Duration sweepInterval,
            Duration retryBackoff,
            String name) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.source = source;
        this.batchSize = batchSize;
        this.sweepInterval = sweepInterval;
        this.retryBackoff = retryBackoff;
        this.name = name;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        listener = new CommitListener(dataSource, this::wakeUp, name);
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops publishing and gives up the leader lock (another replica takes over). */
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        Thread t = thread;
        if (t != null) {
            wakeUps.release();
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Something committed: look now instead of at the next sweep. Cheap, called per commit. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    public void ackListener(AckListener listener) {
        this.ackListener = listener;
    }

    /**
     * Traces publishing: each row that was written under a trace ({@code ce_traceparent}) is sent
     * inside a producer span of that trace, from the event's time to the broker's acknowledgement
     * (so the wait in the outbox shows in the trace), and the record carries that span as its
     * {@code ce_traceparent}, the parent of every consumer's span.
     */
    public void tracer(Tracer tracer) {
        this.tracer = tracer;
    }

    public boolean isLeader() {
        return leader;
    }

    public boolean isRunning() {
        return running;
    }

    /** Records acknowledged by the broker since start. */
    public long published() {
        return published.get();
    }

    /** Time spent reading, publishing (send to broker acknowledgement) and deleting, in seconds since start. */
    public double[] phaseSeconds() {
        return new double[] {fetchNanos.sum() / 1e9, publishNanos.sum() / 1e9, deleteNanos.sum() / 1e9};
    }

    /** Rounds that failed (database or broker) since start. */
    public long failures() {
        return failures.get();
    }

    private void run() {
        while (running) {
            try {
                if (!ensureLeader()) {
                    wakeUps.tryAcquire(sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                wakeUps.drainPermits();
                int relayed = relayBatch();
                if (relayed < batchSize) {
                    // Any commit after the read above left a permit: no wake-up is lost.
                    wakeUps.tryAcquire(sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failures.incrementAndGet();
                LOG.warnf("outbox relay round failed, retrying in %s: %s", retryBackoff, e.toString());
                releaseLeadership();
                sleep(retryBackoff);
            }
        }
        releaseLeadership();
    }

    private boolean ensureLeader() throws SQLException {
        if (leader) {
            return true;
        }
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + LEADER_LOCK + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                connection = c;
                leader = true;
                LOG.infof("%s is the outbox relay leader", name);
                return true;
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        c.close();
        return false;
    }

    private void releaseLeadership() {
        boolean was = leader;
        leader = false;
        if (connection != null) {
            try {
                if (!connection.isClosed()) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("select pg_advisory_unlock(" + LEADER_LOCK + ")");
                    }
                }
            } catch (SQLException e) {
                // the session is gone, and with it the lock
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
            connection = null;
        }
        if (was) {
            LOG.infof("%s gave up the outbox relay leadership", name);
        }
    }

    /** Reads up to one batch in seq order, publishes it, deletes what the broker acknowledged. */
    private int relayBatch() throws SQLException, InterruptedException {
        long t0 = System.nanoTime();
        List<Row> rows = fetch();
        long t1 = System.nanoTime();
        fetchNanos.add(t1 - t0);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        AckListener listener = ackListener;
        Tracer spans = tracer;
        for (Row row : rows) {
            String id = row.event().id();
            CloudEvent event = row.event();
            Span span = spans == null || event.traceparent() == null ? null : publishSpan(spans, row);
            if (span != null) {
                event = event.withTraceparent(
                        EventTraces.traceparent(Context.root().with(span)));
            }
            acks.add(producer.send(
                    event.toRecord(row.topic()),
                    listener == null && span == null
                            ? null
                            : (metadata, failure) -> {
                                if (span != null) {
                                    if (failure != null) {
                                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                                    }
                                    span.end();
                                }
                                if (failure == null && listener != null) {
                                    listener.acked(id, System.nanoTime());
                                }
                            }));
        }
        List<Long> done = new ArrayList<>(rows.size());
        Set<String> failedAggregates = new HashSet<>();
        Exception firstFailure = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            try {
                acks.get(i).get();
                if (!failedAggregates.contains(row.aggregateKey())) {
                    done.add(row.seq());
                }
            } catch (ExecutionException e) {
                failedAggregates.add(row.aggregateKey());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        long t2 = System.nanoTime();
        publishNanos.add(t2 - t1);
        delete(done);
        deleteNanos.add(System.nanoTime() - t2);
        published.addAndGet(done.size());
        if (firstFailure != null) {
            throw new IllegalStateException(
                    "Kafka rejected " + (rows.size() - done.size()) + " outbox records", firstFailure.getCause());
        }
        return rows.size();
    }

    private static Span publishSpan(Tracer tracer, Row row) {
        return tracer.spanBuilder("publish " + row.topic())
                .setParent(EventTraces.parent(row.event().traceparent()))
                .setSpanKind(SpanKind.PRODUCER)
                .setStartTimestamp(row.event().time())
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", row.topic())
                .setAttribute("messaging.message.id", row.event().id())
                .setAttribute("cloudevents.event_type", row.event().type())
                .startSpan();
    }

    private List<Row> fetch() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select seq, id, aggregatetype, aggregateid, type, payload::text, timestamp, headers::text"
                        + " from outbox order by seq limit ?")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode headers = parse(rs.getString(8));
                    String topic = rs.getString(3);
                    String aggregateId = rs.getString(4);
                    CloudEvent event = new CloudEvent(
                            rs.getObject(2).toString(),
                            rs.getString(5),
                            text(headers, CloudEvent.SOURCE, source),
                            aggregateId,
                            rs.getObject(7, OffsetDateTime.class).toInstant(),
                            text(headers, CloudEvent.STARTUP_ID, null),
                            text(headers, CloudEvent.AUDIENCE, null),
                            rs.getString(6),
                            text(headers, CloudEvent.USER_ID, null),
                            text(headers, CloudEvent.ACTOR, null),
                            text(headers, CloudEvent.CORRELATION_ID, null),
                            text(headers, CloudEvent.TRACEPARENT, null));
                    rows.add(new Row(rs.getLong(1), topic, event));
                }
            }
        }
        return rows;
    }

    private void delete(List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("delete from outbox where seq = any(?)")) {
            Array array = connection.createArrayOf("bigint", seqs.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The age of the oldest row waiting in the outbox, in seconds (0 when empty). */
    public static double oldestPendingAgeSeconds(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select extract(epoch from now() - min(timestamp)) from outbox")) {
            rs.next();
            double age = rs.getDouble(1);
            return rs.wasNull() ? 0 : Math.max(0, age);
        }
    }

    public static long pendingRows(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Row(long seq, String topic, CloudEvent event) {
        String aggregateKey() {
            return topic + "/" + event.subject();
        }
    }
}
