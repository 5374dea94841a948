package org.civstart.notification.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.civstart.events.CloudEvent;
import org.civstart.notification.NotificationConfig;
import org.civstart.notification.delivery.DeliveryLoop;
import org.civstart.notification.delivery.DeliveryPlanner;
import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.Notification;
import org.civstart.notification.inbox.Inbox;
import org.civstart.notification.preference.EventPreferences;
import org.civstart.notification.rules.Draft;
import org.civstart.notification.template.Message;
import org.civstart.notification.template.RenderException;
import org.civstart.notification.template.Templates;
import org.civstart.notification.template.Variables;
import org.civstart.outbox.ProcessedEvents;
import org.jboss.logging.Logger;

/**
 * Applies one domain event that a rule turned into a notification: the inbox entry, its events and
 * its deliveries commit together with the processed-event record; an admin notification is not for
 * the admins whose saved event preferences exclude the event it was made from (hidden from their
 * inbox and count, nothing delivered to them). A redelivered event ({@code ce_id} seen before)
 * creates nothing. After the commit the delivery loop is woken, so
 * what is due goes out at once.
 */
@ApplicationScoped
public class Notifier {

    public static final String CONSUMER = "notification-service";
    private static final Logger LOG = Logger.getLogger(Notifier.class);

    @Inject
    ProcessedEvents processed;

    @Inject
    Inbox inbox;

    @Inject
    Templates templates;

    @Inject
    NotificationConfig config;

    @Inject
    DeliveryPlanner planner;

    @Inject
    EventPreferences eventPreferences;

    @Inject
    DeliveryLoop deliveryLoop;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** @return the new notification, or null when this event was processed before */
    @Transactional
    public Notification notify(CloudEvent event, Draft draft, Map<String, Object> data, String dataJson) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            LOG.debugf("event %s (%s) was processed before: skipped", event.id(), event.type());
            return null;
        }
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.recipient = draft.recipient().key();
        n.startupId = draft.recipient().startupId();
        n.category = draft.category();
        n.eventType = event.type();
        n.sourceEventId = event.id();
        n.link = draft.link();
        n.data = dataJson;
        n.createdAt = Instant.now();
        Message text = inAppText(event.type(), Variables.of(List.of(Variables.item(n, data)), false, config.appUrl()));
        n.title = text.subject();
        n.body = text.text();
        Set<String> excluded = draft.recipient().isAdmins()
                ? eventPreferences.excluding(event.eventType(), startupOf(event, data), text(data.get("signalId")))
                : Set.of();
        inbox.add(n, excluded);
        if (planner.plan(n, data, excluded)) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        deliveryLoop.wakeUp();
                    }
                }
            });
        }
        return n;
    }

    private static String startupOf(CloudEvent event, Map<String, Object> data) {
        return event.startupId() != null ? event.startupId() : text(data.get("startupId"));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The built-in in-app template must render; if it does not (a bug of ours), the inbox still gets the event. */
    private Message inAppText(String eventType, Map<String, Object> vars) {
        try {
            return templates.render(eventType, Channel.IN_APP, vars);
        } catch (RenderException e) {
            LOG.errorf(e, "in-app template of %s failed; using a plain title", eventType);
            return new Message(eventType, "", null);
        }
    }
}
