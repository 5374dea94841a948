package org.civstart.benchmarks;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.outbox.OutboxEvent;

/** A service method as services write them: one transaction, its events fired into the outbox. */
@ApplicationScoped
public class BenchWriter {

    @Inject
    Event<OutboxEvent> events;

    @Transactional
    public void commit(List<OutboxEvent> batch) {
        batch.forEach(events::fire);
    }
}
