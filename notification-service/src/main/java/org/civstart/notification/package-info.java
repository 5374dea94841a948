/**
 * notification-service: domain events → notifications in the inboxes → email, SMS and push deliveries.
 *
 * <p>Packages by feature, as in sync-service; what every feature shares has one package per role:
 * <ul>
 * <li>{@code intake}: the domain events that notify someone, from Kafka to a committed notification —
 * the consumer (records it cannot use go to the dead-letter topic; while our database is down it tries
 * the same event again) and the {@code Notifier}, which applies a rule's draft in one transaction
 * (processed-event record, inbox entry, deliveries). The Notifier sits here, not in {@code inbox}, because
 * it joins inbox, preferences, deliveries and templates for one event: the feature that receives the
 * event drives the others;</li>
 * <li>{@code rules}: which domain event notifies whom (the one place that decides) and the draft it makes;</li>
 * <li>{@code inbox}: the inboxes and each user's view of theirs — read and deleted marks, the exact unread
 * count with its version, the users the service knows;</li>
 * <li>{@code delivery}: the external deliveries — planned in the notification's transaction (channels,
 * quiet hours, digests), claimed and sent by the loop with retries, and read by staff (the delivery log
 * with every attempt, the per-channel, per-day stats: they read the deliveries, so they live with them);</li>
 * <li>{@code channel}: one sender per external channel (SMTP through the Quarkus Mailer, the SMS and push
 * providers' HTTP APIs), the clients of the outside services as sync-service's {@code airtable} is;</li>
 * <li>{@code template}: the Qute templates per event type and channel, an admin's overrides, the variables
 * a template sees;</li>
 * <li>{@code preference}: whose preferences a delivery follows, their channels, quiet hours and digest; and
 * each admin's saved event preferences (which live events they want, and so which admin notifications
 * reach them);</li>
 * <li>{@code domain}: every JPA entity with its lookups ({@code require}, {@code findForUpdate}) and the
 * enumerations stored in them (features share them: a notification is planned into deliveries by the
 * preferences);</li>
 * <li>{@code rest}: every JAX-RS resource with its request and view records and exception mapper, and the
 * calling user; a resource parses and validates its input, calls its feature's service and maps the answer
 * to a view; queries and transactions live in the feature's services;</li>
 * <li>{@code events}: the outbox events this service publishes.</li>
 * </ul>
 *
 * <p>{@link org.civstart.notification.NotificationConfig} ({@code civstart.notification.*}) stays at the
 * root: every feature reads it (rules the credits threshold, intake and delivery the portal's URL, delivery
 * its loop, channel the providers' keys).
 */
package org.civstart.notification;
