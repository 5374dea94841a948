/**
 * sync-service: Airtable webhooks → mirrored records → {@code airtable.<kind>.synced} events.
 *
 * <p>Packages by feature, as in notification-service; what every feature shares has one package per role:
 * <ul>
 * <li>{@code webhook}: our Airtable webhooks — ping receipt and MAC check, reading and applying the
 * payloads with the cursor, register / refresh / fail / delete, their health check and gauges;</li>
 * <li>{@code mirror}: our copy of the records — written (one implementation for payloads and
 * backfills) and read (the records API's search);</li>
 * <li>{@code backfill}: full reads of a mapped table through the records API;</li>
 * <li>{@code airtable}: the client of Airtable's Web API, with its per-base rate limit;</li>
 * <li>{@code mapping}: the configured table mappings, Airtable field id → our field, and the
 * normalization of cell values;</li>
 * <li>{@code domain}: every JPA entity with its lookups ({@code require}, {@code findForUpdate}) and
 * its status enumerations (features share them: webhooks and backfills both write the mirror); every
 * enumeration that leaves the JVM (columns, JSON, events, metric tags) is a platform {@code WireEnum},
 * stored by its wire name through {@code @EnumeratedValue};</li>
 * <li>{@code rest}: every JAX-RS resource with its request and view records and exception mappers;
 * a resource parses and validates its input, calls its feature's service and maps the answer to a
 * view; queries and transactions live in the feature's services;</li>
 * <li>{@code events}: the outbox events this service publishes.</li>
 * </ul>
 */
package org.civstart.sync;
