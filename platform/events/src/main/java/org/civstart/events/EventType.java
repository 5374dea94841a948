package org.civstart.events;

import static org.civstart.events.Audience.ADMINS;
import static org.civstart.events.Audience.ADMINS_AND_ALL_STARTUPS;
import static org.civstart.events.Audience.ADMINS_AND_STARTUP;
import static org.civstart.events.Audience.ALL_STARTUPS;
import static org.civstart.events.Audience.RECIPIENT;
import static org.civstart.events.Audience.STARTUP;
import static org.civstart.events.Audience.USER;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.civstart.events.payload.AdminPreferencesData;
import org.civstart.events.payload.AirtableSyncData;
import org.civstart.events.payload.AirtableWebhookData;
import org.civstart.events.payload.AnalyticsData;
import org.civstart.events.payload.AssignmentData;
import org.civstart.events.payload.ConnectionData;
import org.civstart.events.payload.ContactRequestData;
import org.civstart.events.payload.CreditsData;
import org.civstart.events.payload.MatchesGeneratedData;
import org.civstart.events.payload.MetricsData;
import org.civstart.events.payload.NotificationCountData;
import org.civstart.events.payload.NotificationData;
import org.civstart.events.payload.NotificationStateData;
import org.civstart.events.payload.PoolRequestData;
import org.civstart.events.payload.PublicSignalData;
import org.civstart.events.payload.SignalAssignedData;
import org.civstart.events.payload.SignalData;
import org.civstart.events.payload.StartupData;

/**
 * The event catalog: every event the platform publishes, in one place. Each entry fixes the
 * CloudEvents type ({@code ce_type}), the topic, who sees it on the WebSocket, the JSON payload
 * record and the WebSocket event name(s). Services, the gateway and the AsyncAPI document all read
 * it from here; nothing else spells an event name.
 *
 * <p>A WebSocket name means one payload on each endpoint: {@code signal:updated} is the full
 * {@link SignalData} on {@code /admin} ({@link #SIGNAL_UPDATED}) and the public
 * {@link PublicSignalData} on {@code /client} ({@link #SIGNAL_POOL_UPDATED},
 * {@link #SIGNAL_ASSIGNEE_UPDATED}); no startup ever receives an internal field of a signal.
 * A type may have more WebSocket names than one: the first is its name, the others are aliases that
 * pages already listen to, sent by the gateway as a second frame with the same {@code id}.
 */
public enum EventType {
    SIGNAL_CREATED("signal.created", Topic.SIGNALS, ADMINS, SignalData.class, "signal:created"),
    SIGNAL_UPDATED("signal.updated", Topic.SIGNALS, ADMINS, SignalData.class, "signal:updated"),
    /** A public field of a pool (published) signal changed: what every startup may read of it. */
    SIGNAL_POOL_UPDATED("signal.pool-updated", Topic.SIGNALS, ALL_STARTUPS, PublicSignalData.class, "signal:updated"),
    /** A public field of a signal assigned to the startup changed (one event per assigned startup; not in the pool). */
    SIGNAL_ASSIGNEE_UPDATED(
            "signal.assignee-updated", Topic.SIGNALS, STARTUP, PublicSignalData.class, "signal:updated"),
    SIGNAL_PUBLISHED(
            "signal.published", Topic.SIGNALS, ADMINS_AND_ALL_STARTUPS, PublicSignalData.class, "signal:published"),
    SIGNAL_REMOVED("signal.removed", Topic.SIGNALS, ADMINS_AND_ALL_STARTUPS, PublicSignalData.class, "signal:removed"),
    SIGNAL_ASSIGNED("signal.assigned", Topic.SIGNALS, ADMINS_AND_STARTUP, SignalAssignedData.class, "signal:assigned"),
    SIGNAL_STATUS_CHANGED("signal.status-changed", Topic.SIGNALS, ADMINS, SignalData.class, "signal:statusChanged"),
    SIGNAL_MATCH_GENERATED(
            "signal.match-generated",
            Topic.SIGNALS,
            ADMINS,
            MatchesGeneratedData.class,
            "signal:matchGenerated",
            "match:generated"),

    ASSIGNMENT_CREATED(
            "assignment.created",
            Topic.ASSIGNMENTS,
            ADMINS_AND_STARTUP,
            AssignmentData.class,
            "assignment:created",
            "assignment:new"),
    ASSIGNMENT_VIEWED(
            "assignment.viewed", Topic.ASSIGNMENTS, ADMINS_AND_STARTUP, AssignmentData.class, "assignment:viewed"),
    ASSIGNMENT_INTERESTED(
            "assignment.interested",
            Topic.ASSIGNMENTS,
            ADMINS_AND_STARTUP,
            AssignmentData.class,
            "assignment:interested"),
    ASSIGNMENT_DECLINED(
            "assignment.declined", Topic.ASSIGNMENTS, ADMINS_AND_STARTUP, AssignmentData.class, "assignment:declined"),
    ASSIGNMENT_RESPONSE_CHANGED(
            "assignment.response-changed",
            Topic.ASSIGNMENTS,
            ADMINS_AND_STARTUP,
            AssignmentData.class,
            "assignment:responseChanged"),
    // Pool requests have events of their own (beyond DESIGN.md's table): a new request reaches the admins'
    // queue and their notifications, an approval or rejection reaches the startup.
    POOL_REQUEST_CREATED(
            "pool-request.created",
            Topic.ASSIGNMENTS,
            ADMINS_AND_STARTUP,
            PoolRequestData.class,
            "poolRequest:created"),
    POOL_REQUEST_APPROVED(
            "pool-request.approved",
            Topic.ASSIGNMENTS,
            ADMINS_AND_STARTUP,
            PoolRequestData.class,
            "poolRequest:approved"),
    POOL_REQUEST_REJECTED(
            "pool-request.rejected",
            Topic.ASSIGNMENTS,
            ADMINS_AND_STARTUP,
            PoolRequestData.class,
            "poolRequest:rejected"),

    CONNECTION_CREATED(
            "connection.created", Topic.CONNECTIONS, ADMINS_AND_STARTUP, ConnectionData.class, "connection:created"),
    CONNECTION_UPDATED(
            "connection.updated", Topic.CONNECTIONS, ADMINS_AND_STARTUP, ConnectionData.class, "connection:updated"),
    CONNECTION_STATUS_CHANGED(
            "connection.status-changed",
            Topic.CONNECTIONS,
            ADMINS_AND_STARTUP,
            ConnectionData.class,
            "connection:statusChanged"),

    CREDITS_UPDATED(
            "credits.updated",
            Topic.CREDITS,
            ADMINS_AND_STARTUP,
            CreditsData.class,
            "credits:updated",
            "credits:changed"),
    CREDITS_DEDUCTED("credits.deducted", Topic.CREDITS, ADMINS_AND_STARTUP, CreditsData.class, "credits:deducted"),
    CREDITS_ALLOCATED("credits.allocated", Topic.CREDITS, ADMINS_AND_STARTUP, CreditsData.class, "credits:allocated"),
    CREDITS_TIER_CHANGED(
            "credits.tier-changed", Topic.CREDITS, ADMINS_AND_STARTUP, CreditsData.class, "credits:tierChanged"),

    STARTUP_CREATED("startup.created", Topic.STARTUPS, ADMINS, StartupData.class, "startup:created"),
    STARTUP_UPDATED("startup.updated", Topic.STARTUPS, ADMINS, StartupData.class, "startup:updated"),

    CONTACT_REQUEST_CREATED(
            "contact-request.created",
            Topic.CONTACT_REQUESTS,
            ADMINS_AND_STARTUP,
            ContactRequestData.class,
            "contactRequest:created"),
    CONTACT_REQUEST_UPDATED(
            "contact-request.updated",
            Topic.CONTACT_REQUESTS,
            ADMINS_AND_STARTUP,
            ContactRequestData.class,
            "contactRequest:updated"),

    METRICS_UPDATED("metrics.updated", Topic.METRICS, RECIPIENT, MetricsData.class, "metrics:updated"),
    /** The admin panel's analytics (7 and 30 days), recomputed after changes, debounced like metrics.updated. */
    ANALYTICS_UPDATED("analytics.updated", Topic.METRICS, ADMINS, AnalyticsData.class, "analytics:updated"),

    /** A notification in an inbox (a startup's users, or all admins): one event for the whole inbox, no per-user count. */
    NOTIFICATION_NEW("notification.new", Topic.NOTIFICATIONS, RECIPIENT, NotificationData.class, "notification:new"),
    /** What one user did (read, deleted), with that user's new unread count; key and ce_userid = the user's sub. */
    NOTIFICATION_READ("notification.read", Topic.NOTIFICATIONS, USER, NotificationStateData.class, "notification:read"),
    NOTIFICATION_DELETED(
            "notification.deleted", Topic.NOTIFICATIONS, USER, NotificationStateData.class, "notification:deleted"),
    /** One user's unread count after every change of it, with a version that grows by one each time. */
    NOTIFICATION_COUNT_CHANGED(
            "notification.count-changed",
            Topic.NOTIFICATIONS,
            USER,
            NotificationCountData.class,
            "notification:countChanged"),

    AIRTABLE_ORGANIZATION_SYNCED(
            "airtable.organization.synced",
            Topic.AIRTABLE_SYNC,
            ADMINS,
            AirtableSyncData.class,
            "airtable:organization:synced",
            "organization:synced"),
    AIRTABLE_CONTACT_SYNCED(
            "airtable.contact.synced", Topic.AIRTABLE_SYNC, ADMINS, AirtableSyncData.class, "airtable:contact:synced"),
    AIRTABLE_SIGNAL_SYNCED(
            "airtable.signal.synced", Topic.AIRTABLE_SYNC, ADMINS, AirtableSyncData.class, "airtable:signal:synced"),
    AIRTABLE_STARTUP_SYNCED(
            "airtable.startup.synced", Topic.AIRTABLE_SYNC, ADMINS, AirtableSyncData.class, "airtable:startup:synced"),
    AIRTABLE_INTERACTION_SYNCED(
            "airtable.interaction.synced",
            Topic.AIRTABLE_SYNC,
            ADMINS,
            AirtableSyncData.class,
            "airtable:interaction:synced"),
    // Beyond DESIGN.md's table: a failed or expired webhook and a finished backfill reach staff as
    // events (and, through notification-service, as notifications).
    AIRTABLE_WEBHOOK_FAILED(
            "airtable.webhook.failed",
            Topic.AIRTABLE_SYNC,
            ADMINS,
            AirtableWebhookData.class,
            "airtable:webhook:failed"),
    AIRTABLE_BACKFILL_COMPLETED(
            "airtable.backfill.completed",
            Topic.AIRTABLE_SYNC,
            ADMINS,
            AirtableWebhookData.class,
            "airtable:backfill:completed"),

    /** An admin saved event preferences; the record key is the admin's {@code sub} (compacted topic). */
    ADMIN_PREFERENCES_UPDATED(
            "admin-preferences.updated", Topic.PREFERENCES, USER, AdminPreferencesData.class, "preferences:updated");

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private final String type;
    private final Topic topic;
    private final Audience audience;
    private final Class<? extends Record> payloadType;
    private final List<String> webSocketNames;

    EventType(
            String type,
            Topic topic,
            Audience audience,
            Class<? extends Record> payloadType,
            String... webSocketNames) {
        this.type = type;
        this.topic = topic;
        this.audience = audience;
        this.payloadType = payloadType;
        this.webSocketNames = List.of(webSocketNames);
    }

    /** The CloudEvents type, e.g. {@code signal.assigned}. */
    public String type() {
        return type;
    }

    public Topic topic() {
        return topic;
    }

    public Audience audience() {
        return audience;
    }

    public Class<? extends Record> payloadType() {
        return payloadType;
    }

    /** The WebSocket event name, e.g. {@code signal:assigned}. */
    public String webSocketName() {
        return webSocketNames.get(0);
    }

    /** The WebSocket name followed by its aliases (names pages already listen to, each sent as a frame with the same id). */
    public List<String> webSocketNames() {
        return webSocketNames;
    }

    /** The catalog entry of a {@code ce_type}, or {@code null} if the catalog has none. */
    public static EventType ofType(String ceType) {
        return ceType == null ? null : BY_TYPE.get(ceType);
    }

    public static List<EventType> onTopic(Topic topic) {
        return Arrays.stream(values()).filter(t -> t.topic == topic).toList();
    }
}
