package org.civstart.signal.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.civstart.events.payload.PublicSignalData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.InvalidInputException;
import org.civstart.rest.Paging;
import org.civstart.signal.assignment.AssignmentService;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.AssignmentType;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalSource;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.domain.Texts;
import org.civstart.signal.domain.Versions;
import org.civstart.signal.domain.Where;
import org.civstart.signal.events.SignalEvents;
import org.civstart.signal.signal.SignalCommands.NewSignal;
import org.civstart.signal.signal.SignalCommands.SignalChanges;
import org.civstart.signal.signal.SignalCommands.SignalFilter;
import org.civstart.signal.signal.SignalCommands.Transition;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Signal operations: create, update, transition (REST and the Airtable consumer both call these). */
@ApplicationScoped
public class SignalService {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    @Inject
    SignalLifecycle lifecycle;

    @Inject
    AssignmentService assignments;

    public Signal get(UUID id) {
        return Signal.require(id);
    }

    /** One page of the signals that pass the filter, newest first, and how many pass it. */
    public Paging.Page<Signal> list(SignalFilter filter, int page, int size) {
        Where where = new Where()
                .and("status = :status", "status", filter.status())
                .and("array_contains(sectors, :sector)", "sector", Where.lower(filter.sector()))
                .and("lower(agency) = :agency", "agency", Where.lower(filter.agency()))
                .and(
                        "(lower(title) like :q or lower(summary) like :q or lower(signalIdentifier) like :q)",
                        "q",
                        Where.containing(filter.query()));
        PanacheQuery<Signal> q = Signal.<Signal>find(
                        where.clause(), Sort.descending("createdAt").and("id"), where.params())
                .page(Page.of(page, size));
        return new Paging.Page<>(q.list(), page, size, q.count());
    }

    /** Created in the admin panel. */
    @Transactional
    public Signal create(@Valid @NotNull NewSignal command) {
        return create(command, SignalSource.ADMIN, null);
    }

    /** The one implementation of "a signal is created" (admin panel or Airtable). */
    @Transactional
    public Signal create(@Valid @NotNull NewSignal command, @NotNull SignalSource source, String airtableRecordId) {
        SignalStatus status = command.status() == null ? SignalStatus.DRAFT : command.status();
        if (status != SignalStatus.DRAFT && status != SignalStatus.PENDING_REVIEW) {
            throw new InvalidInputException("status", "a new signal starts as draft or pending_review");
        }
        Signal s = new Signal();
        s.id = UUID.randomUUID();
        s.signalIdentifier =
                SignalIdentifiers.format(((Number) em.createNativeQuery("select nextval('signal_identifier_seq')")
                                .getSingleResult())
                        .longValue());
        s.title = command.title().trim();
        s.summary = Texts.clean(command.summary());
        s.agency = Texts.clean(command.agency());
        s.sectors = Texts.labels(command.sectors());
        s.tags = Texts.labels(command.tags());
        s.poolCost = command.poolCost() == null ? 0 : command.poolCost();
        s.dueDate = command.dueDate();
        s.source = source;
        s.airtableRecordId = airtableRecordId;
        s.status = status;
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        s.persistAndFlush();
        events.fire(SignalEvents.created(s));
        return s;
    }

    /**
     * The one implementation of "a signal's content changes"; no change, no event. Admins get
     * {@code signal.updated}; a change of a public field also reaches the startups that may read the
     * signal ({@link SignalEvents#publicUpdates}).
     */
    @Transactional
    public Signal update(@NotNull UUID id, @Valid @NotNull SignalChanges changes) {
        Signal s = get(id);
        Versions.check("signal", id, changes.version(), s.version);
        List<String> changed = new ArrayList<>();
        if (changes.title() != null && Texts.differs(s.title, changes.title().trim())) {
            if (changes.title().isBlank()) {
                throw new InvalidInputException("title", "must not be blank");
            }
            s.title = changes.title().trim();
            changed.add("title");
        }
        if (changes.summary() != null && Texts.differs(s.summary, Texts.clean(changes.summary()))) {
            s.summary = Texts.clean(changes.summary());
            changed.add("summary");
        }
        if (changes.agency() != null && Texts.differs(s.agency, Texts.clean(changes.agency()))) {
            s.agency = Texts.clean(changes.agency());
            changed.add("agency");
        }
        if (changes.sectors() != null && Texts.differs(s.sectors, Texts.labels(changes.sectors()))) {
            s.sectors = Texts.labels(changes.sectors());
            changed.add("sectors");
        }
        if (changes.tags() != null && Texts.differs(s.tags, Texts.labels(changes.tags()))) {
            s.tags = Texts.labels(changes.tags());
            changed.add("tags");
        }
        if (changes.poolCost() != null && s.poolCost != changes.poolCost()) {
            s.poolCost = changes.poolCost();
            changed.add("poolCost");
        }
        if (changes.dueDate() != null && Texts.differs(s.dueDate, changes.dueDate())) {
            s.dueDate = changes.dueDate();
            changed.add("dueDate");
        }
        if (!changed.isEmpty()) {
            s.updatedAt = Instant.now();
            em.flush();
            events.fire(SignalEvents.updated(s, changed));
            List<String> publicChanged = changed.stream()
                    .filter(PublicSignalData.PUBLIC_FIELDS::contains)
                    .toList();
            if (!publicChanged.isEmpty()) {
                SignalEvents.publicUpdates(s, publicChanged, Assignment.startupsOf(s.id))
                        .forEach(events::fire);
            }
        }
        return s;
    }

    /**
     * Moves a signal through its state machine. Moving to {@code assigned} is an assignment and goes
     * through {@link AssignmentService#assign} (the startups are required).
     *
     * @return the assignments made (empty unless the target is assigned)
     */
    @Transactional
    public List<Assignment> transition(@NotNull UUID id, @Valid @NotNull Transition transition) {
        Signal s = get(id);
        Versions.check("signal", id, transition.version(), s.version);
        if (transition.status() == SignalStatus.ASSIGNED) {
            if (transition.startupIds() == null || transition.startupIds().isEmpty()) {
                throw new InvalidInputException(
                        "startupIds", "moving a signal to assigned needs the startups to assign");
            }
            return assignments.assign(id, transition.startupIds(), AssignmentType.DIRECT, transition.dueDate());
        }
        if (transition.startupIds() != null && !transition.startupIds().isEmpty()) {
            throw new InvalidInputException("startupIds", "only a transition to assigned takes startups");
        }
        lifecycle.moveTo(s, transition.status());
        return List.of();
    }

    /** A signal deleted in Airtable is archived (it stays for history; assignments keep pointing at it). */
    @Transactional
    public void archive(@NotNull UUID id) {
        Signal s = get(id);
        if (s.status != SignalStatus.ARCHIVED) {
            lifecycle.moveTo(s, SignalStatus.ARCHIVED);
        }
    }
}
