package org.civstart.notification.rules;

import static org.civstart.notification.domain.Category.ASSIGNMENT;
import static org.civstart.notification.domain.Category.CONNECTION;
import static org.civstart.notification.domain.Category.CONTACT_REQUEST;
import static org.civstart.notification.domain.Category.CREDITS;
import static org.civstart.notification.domain.Category.POOL_REQUEST;
import static org.civstart.notification.domain.Category.SYNC;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.events.EventType;
import org.civstart.events.payload.AirtableWebhookData;
import org.civstart.events.payload.AssignmentData;
import org.civstart.events.payload.ConnectionData;
import org.civstart.events.payload.ContactRequestData;
import org.civstart.events.payload.CreditsData;
import org.civstart.events.payload.PoolRequestData;
import org.civstart.notification.NotificationConfig;
import org.civstart.notification.domain.Category;
import org.civstart.notification.domain.Recipient;

/**
 * THE place that decides which domain event notifies whom. Every other event is not a
 * notification. The words of each notification live in its templates
 * ({@code templates/notifications/<ce_type>.txt}).
 */
@ApplicationScoped
public class NotificationRules {

    @Inject
    NotificationConfig config;

    /** The event types some rule may turn into a notification. */
    public static boolean concerns(EventType type) {
        return switch (type) {
            case ASSIGNMENT_CREATED,
                    POOL_REQUEST_APPROVED,
                    POOL_REQUEST_REJECTED,
                    CONNECTION_STATUS_CHANGED,
                    CREDITS_UPDATED,
                    CREDITS_TIER_CHANGED,
                    ASSIGNMENT_VIEWED,
                    ASSIGNMENT_INTERESTED,
                    ASSIGNMENT_DECLINED,
                    ASSIGNMENT_RESPONSE_CHANGED,
                    POOL_REQUEST_CREATED,
                    CONTACT_REQUEST_CREATED,
                    AIRTABLE_WEBHOOK_FAILED -> true;
            default -> false;
        };
    }

    /**
     * The notification {@code payload} (the catalog payload record of {@code type}) makes, if any.
     *
     * @throws InvalidEventException when the payload lacks what the rule needs (e.g. the startup)
     */
    public Optional<Draft> apply(EventType type, Record payload) {
        return switch (type) {
            // → the startup
            case ASSIGNMENT_CREATED -> {
                AssignmentData a = (AssignmentData) payload;
                yield startup(a.startupId(), ASSIGNMENT, "/assignments/" + a.assignmentId());
            }
            case POOL_REQUEST_APPROVED, POOL_REQUEST_REJECTED -> {
                PoolRequestData p = (PoolRequestData) payload;
                yield startup(p.startupId(), POOL_REQUEST, "/pool-requests/" + p.poolRequestId());
            }
            case CONNECTION_STATUS_CHANGED -> {
                ConnectionData c = (ConnectionData) payload;
                yield startup(c.startupId(), CONNECTION, "/connections/" + c.connectionId());
            }
            case CREDITS_UPDATED -> {
                CreditsData c = (CreditsData) payload;
                yield creditsFellBelowThreshold(c) ? startup(c.startupId(), CREDITS, "/credits") : Optional.empty();
            }
            case CREDITS_TIER_CHANGED -> {
                CreditsData c = (CreditsData) payload;
                yield startup(c.startupId(), CREDITS, "/credits");
            }
            // → the admins (each admin's saved event preferences may exclude it: Notifier)
            case ASSIGNMENT_VIEWED, ASSIGNMENT_INTERESTED, ASSIGNMENT_DECLINED, ASSIGNMENT_RESPONSE_CHANGED -> {
                AssignmentData a = (AssignmentData) payload;
                yield admins(ASSIGNMENT, "/admin/assignments/" + a.assignmentId());
            }
            case POOL_REQUEST_CREATED -> {
                PoolRequestData p = (PoolRequestData) payload;
                yield admins(POOL_REQUEST, "/admin/pool-requests/" + p.poolRequestId());
            }
            case CONTACT_REQUEST_CREATED -> {
                ContactRequestData c = (ContactRequestData) payload;
                yield admins(CONTACT_REQUEST, "/admin/contact-requests/" + c.contactRequestId());
            }
            case AIRTABLE_WEBHOOK_FAILED -> {
                AirtableWebhookData w = (AirtableWebhookData) payload;
                yield admins(SYNC, "/admin/airtable/webhooks/" + w.webhookId());
            }
            default -> Optional.empty();
        };
    }

    /**
     * "Credits low" once, when the balance crosses below the threshold (not on every later
     * deduction): the balance before this entry ({@code balance - delta}) was not low yet.
     */
    private boolean creditsFellBelowThreshold(CreditsData c) {
        long threshold = config.creditsLowThreshold();
        return c.balance() < threshold && c.balance() - c.delta() >= threshold;
    }

    private static Optional<Draft> startup(UUID startupId, Category category, String link) {
        if (startupId == null) {
            throw new InvalidEventException("the payload names no startupId");
        }
        return Optional.of(new Draft(Recipient.startup(startupId), category, link));
    }

    private static Optional<Draft> admins(Category category, String link) {
        return Optional.of(new Draft(Recipient.ADMINS, category, link));
    }
}
