package org.civstart.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.civstart.events.CloudEvent;
import org.civstart.observability.EventTraces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Arc;

/**
 * Writes each fired {@link OutboxEvent} into the outbox table through the caller's transaction
 * (the datasource enlists the same connection), and wakes the relay once that transaction has
 * committed. Outside a transaction it refuses loudly: an event must never be published for a
 * change that might not commit, nor a change commit without its event.
 *
 * <p>Every row also records who acted and for which request ({@link EventContext}), published as
 * {@code ce_actor} and {@code ce_correlationid}: the HTTP caller and its request id, the actor a
 * consumer named through {@link Acting}, or else {@code system} and a correlation id shared by
 * every event of the transaction. The row also keeps the trace of the work that made the change (the
 * REST request's span, a consumer's span) as {@code ce_traceparent}: the relay publishes the event in it.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT =
            "insert into outbox (id, aggregatetype, aggregateid, type, payload, timestamp, headers)"
                    + " values (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb)";
    private static final Object WAKE_UP_REGISTERED = new Object();
    private static final Object TRANSACTION_CORRELATION_ID = new Object();

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ObjectMapper json;

    @Inject
    OutboxRelayService relay;

    @Inject
    Instance<EventContext> context;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    void write(@Observes OutboxEvent event) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("outbox event " + event.type().type()
                    + " fired outside an active transaction: emit it from a @Transactional method");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, event.id());
            ps.setString(2, event.type().topic().topicName());
            ps.setString(3, event.aggregateId());
            ps.setString(4, event.type().type());
            ps.setString(5, json.writeValueAsString(event.payload()));
            ps.setTimestamp(6, Timestamp.from(event.time()));
            ps.setString(7, headers(event));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "writing outbox event " + event.type().type() + " failed", e);
        }
        if (transactions.getResource(WAKE_UP_REGISTERED) == null) {
            transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
            if (!relay.isLocalLeader()) {
                notifyLeader();
            }
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
    }

    /**
     * Another replica holds the relay lock: tell it through PostgreSQL, in this transaction, so the
     * notification is delivered exactly when (and if) the rows commit.
     */
    private void notifyLeader() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("NOTIFY " + CommitListener.CHANNEL);
        } catch (SQLException e) {
            throw new IllegalStateException("notifying the outbox relay leader failed", e);
        }
    }

    private String headers(OutboxEvent event) {
        ObjectNode h = json.createObjectNode();
        h.put(CloudEvent.SOURCE, source);
        h.put(CloudEvent.AUDIENCE, event.audience());
        if (event.startupId() != null) {
            h.put(CloudEvent.STARTUP_ID, event.startupId().toString());
        }
        if (event.userId() != null) {
            h.put(CloudEvent.USER_ID, event.userId());
        }
        EventContext current = Arc.container().requestContext().isActive() ? context.get() : null;
        String actor = current == null ? null : current.actor();
        String correlationId = current == null ? null : current.correlationId();
        h.put(CloudEvent.ACTOR, actor != null ? actor : CloudEvent.SYSTEM_ACTOR);
        h.put(CloudEvent.CORRELATION_ID, correlationId != null ? correlationId : transactionCorrelationId());
        String traceparent = EventTraces.current();
        if (traceparent != null) {
            h.put(CloudEvent.TRACEPARENT, traceparent);
        }
        return h.toString();
    }

    /** One correlation id for all events of a transaction that no request or consumer named. */
    private String transactionCorrelationId() {
        Object id = transactions.getResource(TRANSACTION_CORRELATION_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            transactions.putResource(TRANSACTION_CORRELATION_ID, id);
        }
        return (String) id;
    }
}
