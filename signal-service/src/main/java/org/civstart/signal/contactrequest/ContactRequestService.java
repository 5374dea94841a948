package org.civstart.signal.contactrequest;

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
import org.civstart.signal.domain.ContactRequest;
import org.civstart.signal.domain.ContactRequestStatus;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.Texts;
import org.civstart.signal.domain.Versions;
import org.civstart.signal.domain.Where;
import org.civstart.signal.events.ContactRequestEvents;

/** Contact requests: a startup asks for an introduction; admins work it (pending → in_progress → completed | declined). */
@ApplicationScoped
public class ContactRequestService {

    public record NewContactRequest(
            @NotBlank @Size(max = 200) String contactName,
            @Size(max = 300) String organizationName,
            @Size(max = 4000) String message) {}

    /** null stays; {@code status} follows the state machine. */
    public record ContactRequestChanges(
            ContactRequestStatus status, @Size(max = 4000) String message, Long version) {}

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    public ContactRequest get(UUID id) {
        return ContactRequest.require(id);
    }

    public List<ContactRequest> list(UUID startupId, ContactRequestStatus status) {
        Where where = new Where()
                .and("startupId = :startupId", "startupId", startupId)
                .and("status = :status", "status", status);
        return ContactRequest.list(where.orderedBy("createdAt desc, id"), where.params());
    }

    @Transactional
    public ContactRequest create(@NotNull UUID startupId, @Valid @NotNull NewContactRequest command) {
        Startup startup = Startup.require(startupId);
        ContactRequest c = new ContactRequest();
        c.id = UUID.randomUUID();
        c.startupId = startupId;
        c.contactName = command.contactName().trim();
        c.organizationName = Texts.clean(command.organizationName());
        c.message = Texts.clean(command.message());
        c.status = ContactRequestStatus.PENDING;
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        c.persistAndFlush();
        events.fire(ContactRequestEvents.created(c, startup));
        return c;
    }

    @Transactional
    public ContactRequest update(@NotNull UUID id, @Valid @NotNull ContactRequestChanges changes) {
        ContactRequest c = get(id);
        Versions.check("contact request", id, changes.version(), c.version);
        ContactRequestStatus previous = c.status;
        boolean changed = false;
        if (changes.status() != null && changes.status() != c.status) {
            if (!c.status.canMoveTo(changes.status())) {
                throw new ConflictException("contact request " + id + " cannot move from " + WireEnum.wireName(c.status)
                        + " to " + WireEnum.wireName(changes.status()));
            }
            c.status = changes.status();
            changed = true;
        }
        if (changes.message() != null && Texts.differs(c.message, Texts.clean(changes.message()))) {
            c.message = Texts.clean(changes.message());
            changed = true;
        }
        if (changed) {
            c.updatedAt = Instant.now();
            em.flush();
            events.fire(ContactRequestEvents.updated(c, Startup.require(c.startupId), previous));
        }
        return c;
    }
}
