package org.civstart.signal.connection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.civstart.events.WireEnum;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.ConflictException;
import org.civstart.signal.domain.ConnectionRequest;
import org.civstart.signal.domain.ConnectionStatus;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.TargetType;
import org.civstart.signal.domain.Texts;
import org.civstart.signal.domain.Versions;
import org.civstart.signal.domain.Where;
import org.civstart.signal.events.ConnectionEvents;

/** Connection requests: startup ↔ organization/contact, pending → approved | rejected, approved → completed. */
@ApplicationScoped
public class ConnectionService {

    /** A startup's request to be introduced to an organization or contact. */
    public record NewConnection(
            @NotNull TargetType targetType,
            @NotBlank @Size(max = 64) String targetId,
            @Size(max = 300) String targetName,
            @Size(max = 2000) String note) {}

    /** Edits of the request itself (not its status); null stays. */
    public record ConnectionChanges(
            @Size(max = 300) String targetName,
            @Size(max = 2000) String note,
            Long version) {}

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    public ConnectionRequest get(UUID id) {
        return ConnectionRequest.require(id);
    }

    public List<ConnectionRequest> list(UUID startupId, ConnectionStatus status) {
        Where where = new Where()
                .and("startupId = :startupId", "startupId", startupId)
                .and("status = :status", "status", status);
        return ConnectionRequest.list(where.orderedBy("createdAt desc, id"), where.params());
    }

    @Transactional
    public ConnectionRequest create(@NotNull UUID startupId, @Valid @NotNull NewConnection command) {
        Startup startup = Startup.require(startupId);
        ConnectionRequest c = new ConnectionRequest();
        c.id = UUID.randomUUID();
        c.startupId = startupId;
        c.targetType = command.targetType();
        c.targetId = command.targetId().trim();
        c.targetName = Texts.clean(command.targetName());
        c.note = Texts.clean(command.note());
        c.status = ConnectionStatus.PENDING;
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        c.persistAndFlush();
        events.fire(ConnectionEvents.created(c, startup));
        return c;
    }

    @Transactional
    public ConnectionRequest update(@NotNull UUID id, @Valid @NotNull ConnectionChanges changes) {
        ConnectionRequest c = get(id);
        Versions.check("connection", id, changes.version(), c.version);
        boolean changed = false;
        if (changes.targetName() != null && Texts.differs(c.targetName, Texts.clean(changes.targetName()))) {
            c.targetName = Texts.clean(changes.targetName());
            changed = true;
        }
        if (changes.note() != null && Texts.differs(c.note, Texts.clean(changes.note()))) {
            c.note = Texts.clean(changes.note());
            changed = true;
        }
        if (changed) {
            c.updatedAt = Instant.now();
            em.flush();
            events.fire(ConnectionEvents.updated(c, Startup.require(c.startupId)));
        }
        return c;
    }

    /** An admin decides: {@code connection.status-changed} with the previous status. */
    @Transactional
    public ConnectionRequest changeStatus(
            @NotNull UUID id, @NotNull ConnectionStatus status, @Size(max = 2000) String note, Long version) {
        ConnectionRequest c = get(id);
        Versions.check("connection", id, version, c.version);
        if (!c.status.canMoveTo(status)) {
            throw new ConflictException("connection " + id + " cannot move from " + WireEnum.wireName(c.status) + " to "
                    + WireEnum.wireName(status));
        }
        ConnectionStatus previous = c.status;
        c.status = status;
        if (note != null) {
            c.note = Texts.clean(note);
        }
        c.updatedAt = Instant.now();
        em.flush();
        events.fire(ConnectionEvents.statusChanged(c, Startup.require(c.startupId), previous));
        return c;
    }
}
