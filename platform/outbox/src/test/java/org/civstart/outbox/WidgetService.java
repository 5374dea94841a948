package org.civstart.outbox;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.events.EventType;
import org.civstart.events.payload.StartupData;

/** Reads like a real service: persist, fire the event, let the transaction decide. */
@ApplicationScoped
public class WidgetService {

    @Inject
    Event<OutboxEvent> events;

    @Transactional
    public Widget create(String name, boolean failAfterEmit) {
        Widget w = new Widget();
        w.id = UUID.randomUUID();
        w.name = name;
        w.persist();
        events.fire(WidgetCreated.of(w));
        if (failAfterEmit) {
            throw new IllegalStateException("boom after the event was emitted");
        }
        return w;
    }

    @Transactional
    public void emitAll(List<OutboxEvent> batch) {
        batch.forEach(events::fire);
    }

    public void emitWithoutTransaction(OutboxEvent event) {
        events.fire(event);
    }

    /** The test's event factory, in the style services use. */
    public static final class WidgetCreated {
        private WidgetCreated() {}

        public static OutboxEvent of(Widget w) {
            return OutboxEvent.of(
                    EventType.STARTUP_CREATED,
                    w.id,
                    null,
                    new StartupData(w.id, w.name, List.of(), "starter", null, null));
        }

        /** An event of aggregate {@code aggregate} carrying a sequence number in its name. */
        public static OutboxEvent numbered(String aggregate, int n) {
            return OutboxEvent.of(
                    EventType.STARTUP_UPDATED,
                    aggregate,
                    null,
                    new StartupData(null, aggregate + "#" + n, List.of(), "starter", null, null));
        }
    }
}
