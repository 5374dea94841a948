package org.civstart.signal.airtablesync;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.AirtableSyncData;
import org.civstart.outbox.ProcessedEvents;
import org.civstart.rest.WireEnums;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalSource;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.Tier;
import org.civstart.signal.signal.SignalCommands.NewSignal;
import org.civstart.signal.signal.SignalCommands.SignalChanges;
import org.civstart.signal.signal.SignalService;
import org.civstart.signal.startup.StartupCommands.NewStartup;
import org.civstart.signal.startup.StartupCommands.StartupChanges;
import org.civstart.signal.startup.StartupService;
import org.jboss.logging.Logger;

/**
 * Applies one Airtable signal/startup sync event through the same create/update operations the
 * REST API uses, so Airtable edits publish {@code signal.created}, {@code signal.updated},
 * {@code startup.created}, {@code startup.updated} like any other edit.
 *
 * <p>Idempotent twice over: on {@code ce_id} (the processed-event log, in the same transaction as
 * the effect) and on the Airtable record id (a record we already have is updated, never created
 * again; "updated" for a record we never saw creates it; an update that changes nothing publishes
 * nothing).
 *
 * <p>Decisions: a signal created in Airtable starts as {@code pending_review} (staff entered it; an
 * admin reviews it here). A signal deleted in Airtable is archived through the normal transition
 * (status events; {@code signal.removed} to every startup if it was in the pool); its assignments
 * stay for history. A startup deleted in Airtable is kept (it owns a credit ledger) and the event
 * is only logged.
 */
@ApplicationScoped
public class AirtableSync {

    /** The consumer name in the processed-event log. */
    public static final String CONSUMER = "signal-service.airtable-sync";

    private static final Logger LOG = Logger.getLogger(AirtableSync.class);

    /** What an event did to our data; the wire name is the {@code outcome} tag of {@code airtable.sync.events}. */
    public enum Outcome implements WireEnum {
        CREATED,
        UPDATED,
        UNCHANGED,
        ARCHIVED,
        IGNORED,
        DUPLICATE
    }

    @Inject
    ProcessedEvents processed;

    @Inject
    SignalService signals;

    @Inject
    StartupService startups;

    @Transactional
    public Outcome apply(String eventId, EventType type, AirtableSyncData data) {
        if (!processed.firstTime(CONSUMER, eventId)) {
            return Outcome.DUPLICATE;
        }
        if (data.airtableRecordId() == null || data.airtableRecordId().isBlank()) {
            throw new MalformedSyncData("airtableRecordId is missing");
        }
        String action = data.action() == null ? "" : data.action();
        return switch (type) {
            case AIRTABLE_SIGNAL_SYNCED -> signal(action, data);
            case AIRTABLE_STARTUP_SYNCED -> startup(action, data);
            default -> throw new IllegalArgumentException("not a signal or startup sync event: " + type);
        };
    }

    private Outcome signal(String action, AirtableSyncData data) {
        Signal existing = Signal.byAirtableRecordId(data.airtableRecordId());
        switch (action) {
            case "deleted" -> {
                if (existing == null || existing.status == SignalStatus.ARCHIVED) {
                    return Outcome.UNCHANGED;
                }
                signals.archive(existing.id);
                return Outcome.ARCHIVED;
            }
            case "created", "updated" -> {
                AirtableFields f = new AirtableFields(data.fields(), data.changedFields(), existing != null);
                if (existing == null) {
                    String title = f.text("title");
                    if (title == null || title.isBlank()) {
                        throw new MalformedSyncData("title is required to create a signal");
                    }
                    signals.create(
                            new NewSignal(
                                    title,
                                    f.text("summary"),
                                    f.text("agency"),
                                    f.list("sectors"),
                                    f.list("tags"),
                                    f.integer("poolCost"),
                                    f.date("dueDate"),
                                    SignalStatus.PENDING_REVIEW),
                            SignalSource.AIRTABLE,
                            data.airtableRecordId());
                    return Outcome.CREATED;
                }
                String title = f.text("title");
                long version = existing.version;
                Signal after = signals.update(
                        existing.id,
                        new SignalChanges(
                                title == null || title.isBlank() ? null : title,
                                f.text("summary"),
                                f.text("agency"),
                                f.list("sectors"),
                                f.list("tags"),
                                f.integer("poolCost"),
                                f.date("dueDate"),
                                null));
                return after.version != version ? Outcome.UPDATED : Outcome.UNCHANGED;
            }
            default -> throw new MalformedSyncData("unknown action " + action);
        }
    }

    private Outcome startup(String action, AirtableSyncData data) {
        Startup existing = Startup.byAirtableRecordId(data.airtableRecordId());
        switch (action) {
            case "deleted" -> {
                LOG.infof(
                        "startup %s was deleted in Airtable (record %s): kept here, it owns a credit ledger",
                        existing == null ? "-" : existing.id, data.airtableRecordId());
                return Outcome.IGNORED;
            }
            case "created", "updated" -> {
                AirtableFields f = new AirtableFields(data.fields(), data.changedFields(), existing != null);
                String tierName = f.text("tier");
                Tier tier =
                        tierName == null || tierName.isBlank() ? null : WireEnums.parse(Tier.class, tierName, "tier");
                if (existing == null) {
                    String name = f.text("name");
                    if (name == null || name.isBlank()) {
                        throw new MalformedSyncData("name is required to create a startup");
                    }
                    startups.create(new NewStartup(name, f.list("sectors"), tier), data.airtableRecordId());
                    return Outcome.CREATED;
                }
                String name = f.text("name");
                UUID id = existing.id;
                long version = existing.version;
                Startup after = startups.update(
                        id,
                        new StartupChanges(
                                name == null || name.isBlank() ? null : name, f.list("sectors"), tier, null));
                return after.version != version ? Outcome.UPDATED : Outcome.UNCHANGED;
            }
            default -> throw new MalformedSyncData("unknown action " + action);
        }
    }
}
