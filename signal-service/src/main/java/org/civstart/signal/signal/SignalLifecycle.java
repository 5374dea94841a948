package org.civstart.signal.signal;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.civstart.events.WireEnum;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.ConflictException;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.events.SignalEvents;

/**
 * The one implementation of a signal status change, used by transitions, publish/remove, the
 * assignment operation and Airtable deletions. Events: {@code signal.status-changed} and
 * {@code signal.updated} (changedFields [status]) on every move; {@code signal.published} when the
 * signal enters the pool and {@code signal.removed} when it leaves it (to every startup).
 */
@ApplicationScoped
public class SignalLifecycle {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void moveTo(Signal signal, SignalStatus target) {
        SignalStatus previous = signal.status;
        if (!previous.canMoveTo(target)) {
            throw new ConflictException("signal " + signal.signalIdentifier + " cannot move from "
                    + WireEnum.wireName(previous) + " to " + WireEnum.wireName(target) + " (allowed: "
                    + previous.next().stream()
                            .map(SignalStatus::wireName)
                            .sorted()
                            .toList() + ")");
        }
        signal.status = target;
        signal.updatedAt = Instant.now();
        em.flush(); // the events carry the signal's new version
        events.fire(SignalEvents.statusChanged(signal, previous));
        events.fire(SignalEvents.updated(signal, List.of("status")));
        if (target == SignalStatus.PUBLISHED) {
            events.fire(SignalEvents.published(signal));
        } else if (previous == SignalStatus.PUBLISHED) {
            events.fire(SignalEvents.removed(signal));
        }
    }
}
