package org.civstart.signal.assignment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.civstart.events.WireEnum;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.ConflictException;
import org.civstart.rest.InvalidInputException;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.AssignmentStatus;
import org.civstart.signal.domain.AssignmentType;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.Texts;
import org.civstart.signal.domain.Versions;
import org.civstart.signal.domain.Where;
import org.civstart.signal.events.AssignmentEvents;
import org.civstart.signal.events.SignalEvents;
import org.civstart.signal.signal.SignalCommands.BatchAssign;
import org.civstart.signal.signal.SignalLifecycle;

/**
 * Assignments: the one assignment operation {@link #assign} and the startup's side (view, respond).
 *
 * <p>Admin assignment, the transition to {@code assigned}, pool request approval and batch
 * assignment all call {@link #assign}, and nothing else creates an assignment, so every assignment
 * emits, per startup, {@code signal.assigned} (to that startup) and {@code assignment.created}.
 */
@ApplicationScoped
public class AssignmentService {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    @Inject
    SignalLifecycle lifecycle;

    public Assignment get(UUID id) {
        return Assignment.require(id);
    }

    /** The assignments of a startup, of a signal, in a status (each optional), newest first. */
    public List<Assignment> list(UUID startupId, UUID signalId, AssignmentStatus status) {
        Where where = new Where()
                .and("startupId = :startup", "startup", startupId)
                .and("signalId = :signal", "signal", signalId)
                .and("status = :status", "status", status);
        return Assignment.list(where.orderedBy("createdAt desc, id"), where.params());
    }

    /** Whether the signal is assigned to the startup. */
    public boolean isAssigned(UUID signalId, UUID startupId) {
        return Assignment.exists(signalId, startupId);
    }

    /**
     * Gives a signal to startups, all or nothing.
     *
     * <p>Direct assignment needs a signal that is approved, published, removed or already assigned,
     * and moves it to {@code assigned} (status events included; a published signal thereby leaves the
     * pool). Pool assignment (an approved pool request) needs a published signal and leaves it in the
     * pool for other startups. A startup that already has the signal makes the whole call 409. The
     * signal row is locked, so concurrent assignments of one signal queue instead of failing.
     */
    @Transactional
    public List<Assignment> assign(
            @NotNull UUID signalId,
            @NotNull @Size(min = 1, max = 500) List<@NotNull UUID> startupIds,
            @NotNull AssignmentType type,
            LocalDate dueDate) {
        if (startupIds.isEmpty()) {
            throw new InvalidInputException("startupIds", "must not be empty");
        }
        Signal signal = Signal.requireForUpdate(signalId);
        boolean allowed = type == AssignmentType.POOL ? signal.inPool() : signal.status.allowsDirectAssignment();
        if (!allowed) {
            throw new ConflictException("signal " + signal.signalIdentifier + " is " + WireEnum.wireName(signal.status)
                    + (type == AssignmentType.POOL
                            ? ": only published (pool) signals can be requested"
                            : ": it cannot be assigned"));
        }
        List<Assignment> created = new ArrayList<>();
        List<Startup> startups = new ArrayList<>();
        Instant now = Instant.now();
        for (UUID startupId : new LinkedHashSet<>(startupIds)) {
            Startup startup = Startup.require(startupId);
            if (Assignment.exists(signal.id, startup.id)) {
                throw new ConflictException(
                        "signal " + signal.signalIdentifier + " is already assigned to startup " + startup.id);
            }
            Assignment a = new Assignment();
            a.id = UUID.randomUUID();
            a.signalId = signal.id;
            a.startupId = startup.id;
            a.assignmentType = type;
            a.status = AssignmentStatus.PENDING_REVIEW;
            a.dueDate = dueDate != null ? dueDate : signal.dueDate;
            a.createdAt = now;
            a.updatedAt = now;
            a.persist();
            created.add(a);
            startups.add(startup);
        }
        em.flush(); // a concurrent duplicate fails here, on the unique (signal, startup) constraint: 409
        for (int i = 0; i < created.size(); i++) {
            events.fire(SignalEvents.assigned(signal, created.get(i)));
            events.fire(AssignmentEvents.created(created.get(i), signal, startups.get(i)));
        }
        if (type == AssignmentType.DIRECT && signal.status != SignalStatus.ASSIGNED) {
            lifecycle.moveTo(signal, SignalStatus.ASSIGNED);
        }
        return created;
    }

    /** Many signals to many startups in one transaction (signals locked in id order: no deadlocks). */
    @Transactional
    public List<Assignment> assignBatch(@Valid @NotNull BatchAssign batch) {
        List<Assignment> all = new ArrayList<>();
        new LinkedHashSet<>(batch.signalIds())
                .stream()
                        .sorted()
                        .forEach(signalId -> all.addAll(
                                assign(signalId, batch.startupIds(), AssignmentType.DIRECT, batch.dueDate())));
        return all;
    }

    /** The startup opened the assignment: pending_review → viewed. Viewing again changes nothing. */
    @Transactional
    public Assignment view(@NotNull UUID id) {
        Assignment a = get(id);
        if (a.status != AssignmentStatus.PENDING_REVIEW) {
            return a;
        }
        AssignmentStatus previous = a.status;
        a.status = AssignmentStatus.VIEWED;
        a.viewedAt = Instant.now();
        a.updatedAt = a.viewedAt;
        em.flush();
        events.fire(AssignmentEvents.viewed(a, signalOf(a), startupOf(a), previous));
        return a;
    }

    /**
     * The startup answers interested or declined (with an optional note); a later different answer
     * is a response change ({@code assignment.response-changed}).
     */
    @Transactional
    public Assignment respond(@NotNull UUID id, @NotNull AssignmentStatus response, String note, Long version) {
        if (!response.isResponse()) {
            throw new InvalidInputException("response", "must be interested or declined");
        }
        Assignment a = get(id);
        Versions.check("assignment", id, version, a.version);
        String cleanNote = Texts.clean(note);
        if (a.status == response && Objects.equals(a.responseNote, cleanNote)) {
            return a; // the same answer again: nothing changes
        }
        if (a.status != response && !a.status.canMoveTo(response)) {
            throw new ConflictException("assignment " + id + " cannot move from " + WireEnum.wireName(a.status) + " to "
                    + WireEnum.wireName(response));
        }
        AssignmentStatus previous = a.status;
        Instant now = Instant.now();
        if (a.viewedAt == null) {
            a.viewedAt = now;
        }
        a.status = response;
        a.responseNote = cleanNote;
        a.respondedAt = now;
        a.updatedAt = now;
        em.flush();
        events.fire(AssignmentEvents.responded(a, signalOf(a), startupOf(a), previous));
        return a;
    }

    private static Signal signalOf(Assignment a) {
        return Signal.findById(a.signalId);
    }

    private static Startup startupOf(Assignment a) {
        return Startup.findById(a.startupId);
    }
}
