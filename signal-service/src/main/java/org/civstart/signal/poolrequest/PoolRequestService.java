package org.civstart.signal.poolrequest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.civstart.events.WireEnum;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.ConflictException;
import org.civstart.signal.assignment.AssignmentService;
import org.civstart.signal.credits.CreditService;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.AssignmentType;
import org.civstart.signal.domain.PoolRequest;
import org.civstart.signal.domain.PoolRequestStatus;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.Texts;
import org.civstart.signal.domain.Versions;
import org.civstart.signal.domain.Where;
import org.civstart.signal.events.PoolRequestEvents;

/**
 * Pool requests: a startup asks for a published signal; an admin approves (a pool assignment and
 * the credit deduction, in one transaction) or rejects.
 */
@ApplicationScoped
public class PoolRequestService {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    @Inject
    AssignmentService assignments;

    @Inject
    CreditService credits;

    public PoolRequest get(UUID id) {
        return PoolRequest.require(id);
    }

    public List<PoolRequest> list(UUID startupId, PoolRequestStatus status) {
        Where where = new Where()
                .and("startupId = :startupId", "startupId", startupId)
                .and("status = :status", "status", status);
        return PoolRequest.list(where.orderedBy("createdAt desc, id"), where.params());
    }

    /**
     * A startup requests a published signal. 409 when the signal is not in the pool, the startup
     * already has it or already asked, or its balance does not cover the signal's pool cost.
     */
    @Transactional
    public PoolRequest create(@NotNull UUID signalId, @NotNull UUID startupId, @Size(max = 2000) String message) {
        Signal signal = Signal.require(signalId);
        Startup startup = Startup.require(startupId);
        if (signal.status != SignalStatus.PUBLISHED) {
            throw new ConflictException("signal " + signal.signalIdentifier + " is not in the pool ("
                    + WireEnum.wireName(signal.status) + ")");
        }
        if (Assignment.exists(signalId, startupId)) {
            throw new ConflictException("startup " + startupId + " already has signal " + signal.signalIdentifier);
        }
        if (PoolRequest.count(
                        "signalId = ?1 and startupId = ?2 and status = ?3",
                        signalId,
                        startupId,
                        PoolRequestStatus.PENDING)
                > 0) {
            throw new ConflictException(
                    "startup " + startupId + " already requested signal " + signal.signalIdentifier);
        }
        long balance = credits.balance(startupId);
        if (balance < signal.poolCost) {
            throw new ConflictException("insufficient credits: signal " + signal.signalIdentifier + " costs "
                    + signal.poolCost + ", balance is " + balance);
        }
        PoolRequest r = new PoolRequest();
        r.id = UUID.randomUUID();
        r.signalId = signalId;
        r.startupId = startupId;
        r.status = PoolRequestStatus.PENDING;
        r.creditCost = signal.poolCost;
        r.message = Texts.clean(message);
        r.createdAt = Instant.now();
        r.persistAndFlush(); // the partial unique index catches a concurrent duplicate: 409
        events.fire(PoolRequestEvents.created(r, signal, startup));
        return r;
    }

    /**
     * Approves a pending request: deducts the credits ({@code credits.deducted}, {@code credits.updated}),
     * assigns the signal through {@link AssignmentService#assign} (type pool) and emits
     * {@code pool-request.approved}. Insufficient credits: 409 and nothing changes. The request row is
     * locked, so two admins approving the same request cannot both succeed; the credit account lock
     * decides between two requests racing for the last credits.
     */
    @Transactional
    public PoolRequest approve(@NotNull UUID id, @Size(max = 2000) String note, Long version) {
        PoolRequest r = decide(id, version);
        Signal signal = Signal.findById(r.signalId);
        if (r.creditCost > 0) {
            credits.deduct(
                    r.startupId, r.creditCost, "pool request for " + signal.signalIdentifier, "pool-request:" + r.id);
        }
        Assignment a = assignments
                .assign(r.signalId, List.of(r.startupId), AssignmentType.POOL, null)
                .get(0);
        r.status = PoolRequestStatus.APPROVED;
        r.assignmentId = a.id;
        r.decisionNote = Texts.clean(note);
        r.decidedAt = Instant.now();
        em.flush();
        events.fire(PoolRequestEvents.approved(r, signal, Startup.findById(r.startupId)));
        return r;
    }

    @Transactional
    public PoolRequest reject(@NotNull UUID id, @Size(max = 2000) String note, Long version) {
        PoolRequest r = decide(id, version);
        r.status = PoolRequestStatus.REJECTED;
        r.decisionNote = Texts.clean(note);
        r.decidedAt = Instant.now();
        em.flush();
        events.fire(PoolRequestEvents.rejected(r, Signal.findById(r.signalId), Startup.findById(r.startupId)));
        return r;
    }

    private PoolRequest decide(UUID id, Long version) {
        PoolRequest r = PoolRequest.requireForUpdate(id);
        Versions.check("pool request", id, version, r.version);
        if (r.status != PoolRequestStatus.PENDING) {
            throw new ConflictException("pool request " + id + " is already " + WireEnum.wireName(r.status));
        }
        return r;
    }
}
