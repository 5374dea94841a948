/**
 * signal-service: signals, startups, credits, assignments, pool requests, connections, contact
 * requests, matches and dashboard metrics; every change commits together with its outbox events.
 *
 * <p>Packages by feature, as in notification-service and sync-service; what every feature shares has
 * one package per role. A feature's services hold its operations, each implemented once (REST, the
 * Airtable consumer and the scheduler call the same one), with their queries and transactions:
 * <ul>
 * <li>{@code signal}: signals — create, edit, list, the status state machine
 * ({@code SignalLifecycle}, the one implementation of a status change) and the {@code SIG-…}
 * identifiers;</li>
 * <li>{@code startup}: startups — create, edit (a tier change included);</li>
 * <li>{@code credits}: the append-only credit ledger, balances and the monthly allotments;</li>
 * <li>{@code assignment}: the one assignment operation (admin assignment, transition to
 * {@code assigned}, pool approval, batch) and the startup's side: view, respond;</li>
 * <li>{@code poolrequest}: a startup asks for a published signal; approval deducts the credits and
 * assigns in one transaction;</li>
 * <li>{@code connection}: requests to be connected with an organization or contact;</li>
 * <li>{@code contactrequest}: requests for an introduction to a person;</li>
 * <li>{@code match}: the matcher and its stored results per signal;</li>
 * <li>{@code metrics}: the dashboard counters and the analytics, and their debounced
 * {@code metrics.updated} / {@code analytics.updated} events;</li>
 * <li>{@code airtablesync}: Airtable edits (topic {@code airtable-sync}, from sync-service) applied
 * through the signal and startup operations;</li>
 * <li>{@code domain}: every JPA entity with its lookups ({@code require}: 404 when there is none,
 * {@code requireForUpdate} / {@code findForUpdate}: row locked, {@code byIds}: many in one query),
 * the enumerations (platform {@code WireEnum}s: the wire name in JSON, events and columns, stored
 * through {@code @EnumeratedValue}), and what the features' edits and lists share ({@code Texts},
 * {@code Versions}, {@code Where});</li>
 * <li>{@code rest}: every JAX-RS resource with its request and view records; a resource parses and
 * validates its input, calls its feature's service and maps the answer to a view; queries and
 * transactions live in the feature's services;</li>
 * <li>{@code events}: the outbox events this service publishes.</li>
 * </ul>
 * {@code SignalConfig}, in this package: the service's own settings, {@code civstart.signal.*}.
 */
package org.civstart.signal;
