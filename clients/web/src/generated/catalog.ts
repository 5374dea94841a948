// GENERATED from the event catalog (platform/events EventType) by org.civstart.events.TypeScriptCatalog.
// Do not edit: regenerate with ./mvnw -q -pl platform/events compile exec:java and commit the result.
// The build fails when this file no longer matches the catalog.

/** A server → client event frame of the realtime gateway. */
export interface EventFrame<N extends string, D> {
  /** The WebSocket event name (a legacy alias arrives as a second frame with the same id). */
  readonly event: N;
  /** The CloudEvents id (ce_id): the same for every name of one event. */
  readonly id: string;
  /** The resume position just after this event. */
  readonly position: string;
  /** Commit time of the change (ce_time, RFC 3339). */
  readonly time: string;
  /** Who made the change (a user's sub, or system / airtable), when the event says. */
  readonly actor?: string;
  /** The request that caused it (X-Request-Id / Idempotency-Key), when the event says. */
  readonly correlationId?: string;
  readonly data: D;
}

// ---- payloads (one interface per payload record) ----

export interface SignalData {
  readonly signalId?: string | null;
  readonly signalIdentifier?: string | null;
  readonly title?: string | null;
  readonly summary?: string | null;
  readonly agency?: string | null;
  readonly sectors?: string[] | null;
  readonly tags?: string[] | null;
  readonly status?: string | null;
  readonly previousStatus?: string | null;
  readonly poolCost?: number | null;
  readonly dueDate?: string | null;
  readonly source?: string | null;
  readonly airtableRecordId?: string | null;
  readonly changedFields?: string[] | null;
  readonly version?: number | null;
}

export interface PublicSignalData {
  readonly signalId?: string | null;
  readonly signalIdentifier?: string | null;
  readonly title?: string | null;
  readonly summary?: string | null;
  readonly agency?: string | null;
  readonly sectors?: string[] | null;
  readonly tags?: string[] | null;
  readonly poolCost?: number | null;
  readonly dueDate?: string | null;
  readonly inPool: boolean;
  readonly changedFields?: string[] | null;
  readonly version?: number | null;
}

export interface SignalAssignedData {
  readonly signalId?: string | null;
  readonly signalIdentifier?: string | null;
  readonly title?: string | null;
  readonly agency?: string | null;
  readonly assignmentId?: string | null;
  readonly startupId?: string | null;
  readonly assignmentType?: string | null;
  readonly dueDate?: string | null;
  readonly version?: number | null;
}

export interface MatchesGeneratedData {
  readonly signalId?: string | null;
  readonly signalIdentifier?: string | null;
  readonly matches?: Match[] | null;
  readonly version?: number | null;
}

export interface Match {
  readonly startupId?: string | null;
  readonly startupName?: string | null;
  readonly score: number;
  readonly reasons?: string[] | null;
}

export interface AssignmentData {
  readonly assignmentId?: string | null;
  readonly signalId?: string | null;
  readonly signalIdentifier?: string | null;
  readonly signalTitle?: string | null;
  readonly startupId?: string | null;
  readonly startupName?: string | null;
  readonly assignmentType?: string | null;
  readonly status?: string | null;
  readonly previousStatus?: string | null;
  readonly responseNote?: string | null;
  readonly dueDate?: string | null;
  readonly respondedAt?: string | null;
  readonly version?: number | null;
}

export interface PoolRequestData {
  readonly poolRequestId?: string | null;
  readonly signalId?: string | null;
  readonly signalIdentifier?: string | null;
  readonly signalTitle?: string | null;
  readonly startupId?: string | null;
  readonly startupName?: string | null;
  readonly status?: string | null;
  readonly creditCost?: number | null;
  readonly assignmentId?: string | null;
  readonly decisionNote?: string | null;
  readonly version?: number | null;
}

export interface ConnectionData {
  readonly connectionId?: string | null;
  readonly startupId?: string | null;
  readonly startupName?: string | null;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  readonly targetName?: string | null;
  readonly status?: string | null;
  readonly previousStatus?: string | null;
  readonly note?: string | null;
  readonly version?: number | null;
}

export interface CreditsData {
  readonly startupId?: string | null;
  readonly balance: number;
  readonly delta: number;
  readonly entryType?: string | null;
  readonly reason?: string | null;
  readonly ledgerEntryId?: string | null;
  readonly tier?: string | null;
  readonly previousTier?: string | null;
  readonly monthlyAllotment?: number | null;
  readonly version?: number | null;
}

export interface StartupData {
  readonly startupId?: string | null;
  readonly name?: string | null;
  readonly sectors?: string[] | null;
  readonly tier?: string | null;
  readonly airtableRecordId?: string | null;
  readonly changedFields?: string[] | null;
  readonly version?: number | null;
}

export interface ContactRequestData {
  readonly contactRequestId?: string | null;
  readonly startupId?: string | null;
  readonly startupName?: string | null;
  readonly contactName?: string | null;
  readonly organizationName?: string | null;
  readonly message?: string | null;
  readonly status?: string | null;
  readonly previousStatus?: string | null;
  readonly version?: number | null;
}

export interface MetricsData {
  readonly scope?: string | null;
  readonly startupId?: string | null;
  readonly counters?: Record<string, number> | null;
  readonly computedAt?: string | null;
}

export interface NotificationData {
  readonly notificationId?: string | null;
  readonly recipient?: string | null;
  readonly startupId?: string | null;
  readonly category?: string | null;
  readonly title?: string | null;
  readonly body?: string | null;
  readonly link?: string | null;
  readonly createdAt?: string | null;
  readonly version: number;
}

export interface NotificationStateData {
  readonly notificationId?: string | null;
  readonly userId?: string | null;
  readonly startupId?: string | null;
  readonly read: boolean;
  readonly readAt?: string | null;
  readonly deleted: boolean;
  readonly unreadCount: number;
  readonly version: number;
}

export interface NotificationCountData {
  readonly userId?: string | null;
  readonly startupId?: string | null;
  readonly unreadCount: number;
  readonly version: number;
}

export interface AirtableSyncData {
  readonly kind?: string | null;
  readonly action?: string | null;
  readonly baseId?: string | null;
  readonly tableId?: string | null;
  readonly airtableRecordId?: string | null;
  readonly fields?: Record<string, unknown> | null;
  readonly changedFields?: string[] | null;
  readonly version?: number | null;
}

export interface AirtableWebhookData {
  readonly baseId?: string | null;
  readonly webhookId?: string | null;
  readonly tableId?: string | null;
  readonly status?: string | null;
  readonly error?: string | null;
  readonly done?: number | null;
  readonly total?: number | null;
  readonly expirationTime?: string | null;
}

export interface AdminPreferencesData {
  readonly userId?: string | null;
  readonly events?: string[] | null;
  readonly startups?: string[] | null;
  readonly signals?: string[] | null;
  readonly version: number;
  readonly updatedAt?: string | null;
}

// ---- one frame type per WebSocket event name ----

/** `signal.created` on topic `signals`, seen by admins. */
export type SignalCreatedEvent = EventFrame<'signal:created', SignalData>;
/** `signal.updated` on topic `signals`, seen by admins; `signal.pool-updated` on topic `signals`, seen by every startup; `signal.assignee-updated` on topic `signals`, seen by the startup named by ce_startupid. */
export type SignalUpdatedEvent = EventFrame<'signal:updated', SignalData | PublicSignalData>;
/** `signal.published` on topic `signals`, seen by admins and every startup. */
export type SignalPublishedEvent = EventFrame<'signal:published', PublicSignalData>;
/** `signal.removed` on topic `signals`, seen by admins and every startup. */
export type SignalRemovedEvent = EventFrame<'signal:removed', PublicSignalData>;
/** `signal.assigned` on topic `signals`, seen by admins and the startup named by ce_startupid. */
export type SignalAssignedEvent = EventFrame<'signal:assigned', SignalAssignedData>;
/** `signal.status-changed` on topic `signals`, seen by admins. */
export type SignalStatusChangedEvent = EventFrame<'signal:statusChanged', SignalData>;
/** `signal.match-generated` on topic `signals`, seen by admins. */
export type SignalMatchGeneratedEvent = EventFrame<'signal:matchGenerated', MatchesGeneratedData>;
/** legacy alias of `signal:matchGenerated` (same event, same id): `signal.match-generated` on topic `signals`, seen by admins. */
export type MatchGeneratedEvent = EventFrame<'match:generated', MatchesGeneratedData>;
/** `assignment.created` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type AssignmentCreatedEvent = EventFrame<'assignment:created', AssignmentData>;
/** legacy alias of `assignment:created` (same event, same id): `assignment.created` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type AssignmentNewEvent = EventFrame<'assignment:new', AssignmentData>;
/** `assignment.viewed` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type AssignmentViewedEvent = EventFrame<'assignment:viewed', AssignmentData>;
/** `assignment.interested` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type AssignmentInterestedEvent = EventFrame<'assignment:interested', AssignmentData>;
/** `assignment.declined` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type AssignmentDeclinedEvent = EventFrame<'assignment:declined', AssignmentData>;
/** `assignment.response-changed` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type AssignmentResponseChangedEvent = EventFrame<'assignment:responseChanged', AssignmentData>;
/** `pool-request.created` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type PoolRequestCreatedEvent = EventFrame<'poolRequest:created', PoolRequestData>;
/** `pool-request.approved` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type PoolRequestApprovedEvent = EventFrame<'poolRequest:approved', PoolRequestData>;
/** `pool-request.rejected` on topic `assignments`, seen by admins and the startup named by ce_startupid. */
export type PoolRequestRejectedEvent = EventFrame<'poolRequest:rejected', PoolRequestData>;
/** `connection.created` on topic `connections`, seen by admins and the startup named by ce_startupid. */
export type ConnectionCreatedEvent = EventFrame<'connection:created', ConnectionData>;
/** `connection.updated` on topic `connections`, seen by admins and the startup named by ce_startupid. */
export type ConnectionUpdatedEvent = EventFrame<'connection:updated', ConnectionData>;
/** `connection.status-changed` on topic `connections`, seen by admins and the startup named by ce_startupid. */
export type ConnectionStatusChangedEvent = EventFrame<'connection:statusChanged', ConnectionData>;
/** `credits.updated` on topic `credits`, seen by admins and the startup named by ce_startupid. */
export type CreditsUpdatedEvent = EventFrame<'credits:updated', CreditsData>;
/** legacy alias of `credits:updated` (same event, same id): `credits.updated` on topic `credits`, seen by admins and the startup named by ce_startupid. */
export type CreditsChangedEvent = EventFrame<'credits:changed', CreditsData>;
/** `credits.deducted` on topic `credits`, seen by admins and the startup named by ce_startupid. */
export type CreditsDeductedEvent = EventFrame<'credits:deducted', CreditsData>;
/** `credits.allocated` on topic `credits`, seen by admins and the startup named by ce_startupid. */
export type CreditsAllocatedEvent = EventFrame<'credits:allocated', CreditsData>;
/** `credits.tier-changed` on topic `credits`, seen by admins and the startup named by ce_startupid. */
export type CreditsTierChangedEvent = EventFrame<'credits:tierChanged', CreditsData>;
/** `startup.created` on topic `startups`, seen by admins. */
export type StartupCreatedEvent = EventFrame<'startup:created', StartupData>;
/** `startup.updated` on topic `startups`, seen by admins. */
export type StartupUpdatedEvent = EventFrame<'startup:updated', StartupData>;
/** `contact-request.created` on topic `contact-requests`, seen by admins and the startup named by ce_startupid. */
export type ContactRequestCreatedEvent = EventFrame<'contactRequest:created', ContactRequestData>;
/** `contact-request.updated` on topic `contact-requests`, seen by admins and the startup named by ce_startupid. */
export type ContactRequestUpdatedEvent = EventFrame<'contactRequest:updated', ContactRequestData>;
/** `metrics.updated` on topic `metrics`, seen by the startup named by ce_startupid, or the admins when there is none. */
export type MetricsUpdatedEvent = EventFrame<'metrics:updated', MetricsData>;
/** `analytics.updated` on topic `metrics`, seen by the startup named by ce_startupid, or the admins when there is none. */
export type AnalyticsUpdatedEvent = EventFrame<'analytics:updated', MetricsData>;
/** `notification.new` on topic `notifications`, seen by the startup named by ce_startupid, or the admins when there is none. */
export type NotificationNewEvent = EventFrame<'notification:new', NotificationData>;
/** `notification.read` on topic `notifications`, seen by the one user named by ce_userid (the token's sub). */
export type NotificationReadEvent = EventFrame<'notification:read', NotificationStateData>;
/** `notification.deleted` on topic `notifications`, seen by the one user named by ce_userid (the token's sub). */
export type NotificationDeletedEvent = EventFrame<'notification:deleted', NotificationStateData>;
/** `notification.count-changed` on topic `notifications`, seen by the one user named by ce_userid (the token's sub). */
export type NotificationCountChangedEvent = EventFrame<'notification:countChanged', NotificationCountData>;
/** `airtable.organization.synced` on topic `airtable-sync`, seen by admins. */
export type AirtableOrganizationSyncedEvent = EventFrame<'airtable:organization:synced', AirtableSyncData>;
/** legacy alias of `airtable:organization:synced` (same event, same id): `airtable.organization.synced` on topic `airtable-sync`, seen by admins. */
export type OrganizationSyncedEvent = EventFrame<'organization:synced', AirtableSyncData>;
/** `airtable.contact.synced` on topic `airtable-sync`, seen by admins. */
export type AirtableContactSyncedEvent = EventFrame<'airtable:contact:synced', AirtableSyncData>;
/** `airtable.signal.synced` on topic `airtable-sync`, seen by admins. */
export type AirtableSignalSyncedEvent = EventFrame<'airtable:signal:synced', AirtableSyncData>;
/** `airtable.startup.synced` on topic `airtable-sync`, seen by admins. */
export type AirtableStartupSyncedEvent = EventFrame<'airtable:startup:synced', AirtableSyncData>;
/** `airtable.interaction.synced` on topic `airtable-sync`, seen by admins. */
export type AirtableInteractionSyncedEvent = EventFrame<'airtable:interaction:synced', AirtableSyncData>;
/** `airtable.webhook.failed` on topic `airtable-sync`, seen by admins. */
export type AirtableWebhookFailedEvent = EventFrame<'airtable:webhook:failed', AirtableWebhookData>;
/** `airtable.backfill.completed` on topic `airtable-sync`, seen by admins. */
export type AirtableBackfillCompletedEvent = EventFrame<'airtable:backfill:completed', AirtableWebhookData>;
/** `admin-preferences.updated` on topic `preferences`, seen by the one user named by ce_userid (the token's sub). */
export type PreferencesUpdatedEvent = EventFrame<'preferences:updated', AdminPreferencesData>;

/** Every WebSocket event name and its frame type. */
export interface EventMap {
  'signal:created': SignalCreatedEvent;
  'signal:updated': SignalUpdatedEvent;
  'signal:published': SignalPublishedEvent;
  'signal:removed': SignalRemovedEvent;
  'signal:assigned': SignalAssignedEvent;
  'signal:statusChanged': SignalStatusChangedEvent;
  'signal:matchGenerated': SignalMatchGeneratedEvent;
  'match:generated': MatchGeneratedEvent;
  'assignment:created': AssignmentCreatedEvent;
  'assignment:new': AssignmentNewEvent;
  'assignment:viewed': AssignmentViewedEvent;
  'assignment:interested': AssignmentInterestedEvent;
  'assignment:declined': AssignmentDeclinedEvent;
  'assignment:responseChanged': AssignmentResponseChangedEvent;
  'poolRequest:created': PoolRequestCreatedEvent;
  'poolRequest:approved': PoolRequestApprovedEvent;
  'poolRequest:rejected': PoolRequestRejectedEvent;
  'connection:created': ConnectionCreatedEvent;
  'connection:updated': ConnectionUpdatedEvent;
  'connection:statusChanged': ConnectionStatusChangedEvent;
  'credits:updated': CreditsUpdatedEvent;
  'credits:changed': CreditsChangedEvent;
  'credits:deducted': CreditsDeductedEvent;
  'credits:allocated': CreditsAllocatedEvent;
  'credits:tierChanged': CreditsTierChangedEvent;
  'startup:created': StartupCreatedEvent;
  'startup:updated': StartupUpdatedEvent;
  'contactRequest:created': ContactRequestCreatedEvent;
  'contactRequest:updated': ContactRequestUpdatedEvent;
  'metrics:updated': MetricsUpdatedEvent;
  'analytics:updated': AnalyticsUpdatedEvent;
  'notification:new': NotificationNewEvent;
  'notification:read': NotificationReadEvent;
  'notification:deleted': NotificationDeletedEvent;
  'notification:countChanged': NotificationCountChangedEvent;
  'airtable:organization:synced': AirtableOrganizationSyncedEvent;
  'organization:synced': OrganizationSyncedEvent;
  'airtable:contact:synced': AirtableContactSyncedEvent;
  'airtable:signal:synced': AirtableSignalSyncedEvent;
  'airtable:startup:synced': AirtableStartupSyncedEvent;
  'airtable:interaction:synced': AirtableInteractionSyncedEvent;
  'airtable:webhook:failed': AirtableWebhookFailedEvent;
  'airtable:backfill:completed': AirtableBackfillCompletedEvent;
  'preferences:updated': PreferencesUpdatedEvent;
}

export type EventName = keyof EventMap;

/** What the catalog says about one WebSocket event name. */
export interface EventInfo {
  /** The CloudEvents types (ce_type) sent under this name. */
  readonly types: readonly string[];
  readonly topic: string;
  /** Who receives them on the WebSocket (the catalog's audience rules). */
  readonly audiences: readonly string[];
  /** The event's primary WebSocket name. */
  readonly primary: EventName;
  /** Every WebSocket name of the event: the primary name, then its legacy aliases. */
  readonly names: readonly EventName[];
}

/** The catalog at run time: every WebSocket event name → its entry. */
export const EVENTS: { readonly [N in EventName]: EventInfo } = {
  'signal:created': { types: ['signal.created'], topic: 'signals', audiences: ['admins'], primary: 'signal:created', names: ['signal:created'] },
  'signal:updated': { types: ['signal.updated', 'signal.pool-updated', 'signal.assignee-updated'], topic: 'signals', audiences: ['admins', 'all_startups', 'startup'], primary: 'signal:updated', names: ['signal:updated'] },
  'signal:published': { types: ['signal.published'], topic: 'signals', audiences: ['admins_and_all_startups'], primary: 'signal:published', names: ['signal:published'] },
  'signal:removed': { types: ['signal.removed'], topic: 'signals', audiences: ['admins_and_all_startups'], primary: 'signal:removed', names: ['signal:removed'] },
  'signal:assigned': { types: ['signal.assigned'], topic: 'signals', audiences: ['admins_and_startup'], primary: 'signal:assigned', names: ['signal:assigned'] },
  'signal:statusChanged': { types: ['signal.status-changed'], topic: 'signals', audiences: ['admins'], primary: 'signal:statusChanged', names: ['signal:statusChanged'] },
  'signal:matchGenerated': { types: ['signal.match-generated'], topic: 'signals', audiences: ['admins'], primary: 'signal:matchGenerated', names: ['signal:matchGenerated', 'match:generated'] },
  'match:generated': { types: ['signal.match-generated'], topic: 'signals', audiences: ['admins'], primary: 'signal:matchGenerated', names: ['signal:matchGenerated', 'match:generated'] },
  'assignment:created': { types: ['assignment.created'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'assignment:created', names: ['assignment:created', 'assignment:new'] },
  'assignment:new': { types: ['assignment.created'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'assignment:created', names: ['assignment:created', 'assignment:new'] },
  'assignment:viewed': { types: ['assignment.viewed'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'assignment:viewed', names: ['assignment:viewed'] },
  'assignment:interested': { types: ['assignment.interested'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'assignment:interested', names: ['assignment:interested'] },
  'assignment:declined': { types: ['assignment.declined'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'assignment:declined', names: ['assignment:declined'] },
  'assignment:responseChanged': { types: ['assignment.response-changed'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'assignment:responseChanged', names: ['assignment:responseChanged'] },
  'poolRequest:created': { types: ['pool-request.created'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'poolRequest:created', names: ['poolRequest:created'] },
  'poolRequest:approved': { types: ['pool-request.approved'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'poolRequest:approved', names: ['poolRequest:approved'] },
  'poolRequest:rejected': { types: ['pool-request.rejected'], topic: 'assignments', audiences: ['admins_and_startup'], primary: 'poolRequest:rejected', names: ['poolRequest:rejected'] },
  'connection:created': { types: ['connection.created'], topic: 'connections', audiences: ['admins_and_startup'], primary: 'connection:created', names: ['connection:created'] },
  'connection:updated': { types: ['connection.updated'], topic: 'connections', audiences: ['admins_and_startup'], primary: 'connection:updated', names: ['connection:updated'] },
  'connection:statusChanged': { types: ['connection.status-changed'], topic: 'connections', audiences: ['admins_and_startup'], primary: 'connection:statusChanged', names: ['connection:statusChanged'] },
  'credits:updated': { types: ['credits.updated'], topic: 'credits', audiences: ['admins_and_startup'], primary: 'credits:updated', names: ['credits:updated', 'credits:changed'] },
  'credits:changed': { types: ['credits.updated'], topic: 'credits', audiences: ['admins_and_startup'], primary: 'credits:updated', names: ['credits:updated', 'credits:changed'] },
  'credits:deducted': { types: ['credits.deducted'], topic: 'credits', audiences: ['admins_and_startup'], primary: 'credits:deducted', names: ['credits:deducted'] },
  'credits:allocated': { types: ['credits.allocated'], topic: 'credits', audiences: ['admins_and_startup'], primary: 'credits:allocated', names: ['credits:allocated'] },
  'credits:tierChanged': { types: ['credits.tier-changed'], topic: 'credits', audiences: ['admins_and_startup'], primary: 'credits:tierChanged', names: ['credits:tierChanged'] },
  'startup:created': { types: ['startup.created'], topic: 'startups', audiences: ['admins'], primary: 'startup:created', names: ['startup:created'] },
  'startup:updated': { types: ['startup.updated'], topic: 'startups', audiences: ['admins'], primary: 'startup:updated', names: ['startup:updated'] },
  'contactRequest:created': { types: ['contact-request.created'], topic: 'contact-requests', audiences: ['admins_and_startup'], primary: 'contactRequest:created', names: ['contactRequest:created'] },
  'contactRequest:updated': { types: ['contact-request.updated'], topic: 'contact-requests', audiences: ['admins_and_startup'], primary: 'contactRequest:updated', names: ['contactRequest:updated'] },
  'metrics:updated': { types: ['metrics.updated'], topic: 'metrics', audiences: ['recipient'], primary: 'metrics:updated', names: ['metrics:updated'] },
  'analytics:updated': { types: ['analytics.updated'], topic: 'metrics', audiences: ['recipient'], primary: 'analytics:updated', names: ['analytics:updated'] },
  'notification:new': { types: ['notification.new'], topic: 'notifications', audiences: ['recipient'], primary: 'notification:new', names: ['notification:new'] },
  'notification:read': { types: ['notification.read'], topic: 'notifications', audiences: ['user'], primary: 'notification:read', names: ['notification:read'] },
  'notification:deleted': { types: ['notification.deleted'], topic: 'notifications', audiences: ['user'], primary: 'notification:deleted', names: ['notification:deleted'] },
  'notification:countChanged': { types: ['notification.count-changed'], topic: 'notifications', audiences: ['user'], primary: 'notification:countChanged', names: ['notification:countChanged'] },
  'airtable:organization:synced': { types: ['airtable.organization.synced'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:organization:synced', names: ['airtable:organization:synced', 'organization:synced'] },
  'organization:synced': { types: ['airtable.organization.synced'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:organization:synced', names: ['airtable:organization:synced', 'organization:synced'] },
  'airtable:contact:synced': { types: ['airtable.contact.synced'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:contact:synced', names: ['airtable:contact:synced'] },
  'airtable:signal:synced': { types: ['airtable.signal.synced'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:signal:synced', names: ['airtable:signal:synced'] },
  'airtable:startup:synced': { types: ['airtable.startup.synced'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:startup:synced', names: ['airtable:startup:synced'] },
  'airtable:interaction:synced': { types: ['airtable.interaction.synced'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:interaction:synced', names: ['airtable:interaction:synced'] },
  'airtable:webhook:failed': { types: ['airtable.webhook.failed'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:webhook:failed', names: ['airtable:webhook:failed'] },
  'airtable:backfill:completed': { types: ['airtable.backfill.completed'], topic: 'airtable-sync', audiences: ['admins'], primary: 'airtable:backfill:completed', names: ['airtable:backfill:completed'] },
  'preferences:updated': { types: ['admin-preferences.updated'], topic: 'preferences', audiences: ['user'], primary: 'preferences:updated', names: ['preferences:updated'] },
};

export const EVENT_NAMES = Object.keys(EVENTS) as readonly EventName[];
