package org.civstart.signal.startup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.InvalidInputException;
import org.civstart.rest.Paging;
import org.civstart.signal.credits.CreditService;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.Texts;
import org.civstart.signal.domain.Tier;
import org.civstart.signal.domain.Versions;
import org.civstart.signal.domain.Where;
import org.civstart.signal.events.StartupEvents;
import org.civstart.signal.startup.StartupCommands.NewStartup;
import org.civstart.signal.startup.StartupCommands.StartupChanges;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Startup operations (REST and the Airtable consumer call these). */
@ApplicationScoped
public class StartupService {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    @Inject
    CreditService credits;

    public Startup get(UUID id) {
        return Startup.require(id);
    }

    /** One page of the startups in {@code tier} and {@code sector} whose name contains {@code query} (each optional), by name. */
    public Paging.Page<Startup> list(Tier tier, String sector, String query, int page, int size) {
        Where where = new Where()
                .and("tier = :tier", "tier", tier)
                .and("array_contains(sectors, :sector)", "sector", Where.lower(sector))
                .and("lower(name) like :q", "q", Where.containing(query));
        PanacheQuery<Startup> q = Startup.<Startup>find(
                        where.clause(), Sort.ascending("name").and("id"), where.params())
                .page(Page.of(page, size));
        return new Paging.Page<>(q.list(), page, size, q.count());
    }

    @Transactional
    public Startup create(@Valid @NotNull NewStartup command) {
        return create(command, null);
    }

    /** The one implementation of "a startup is created" (admin or Airtable); opens its credit account at 0. */
    @Transactional
    public Startup create(@Valid @NotNull NewStartup command, String airtableRecordId) {
        Startup s = new Startup();
        s.id = UUID.randomUUID();
        s.name = command.name().trim();
        s.sectors = Texts.labels(command.sectors());
        s.tier = command.tier() == null ? Tier.STARTER : command.tier();
        s.airtableRecordId = airtableRecordId;
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        s.persistAndFlush();
        credits.open(s);
        events.fire(StartupEvents.created(s));
        return s;
    }

    /**
     * The one implementation of "a startup changes" (profile edit, tier change, Airtable edit):
     * {@code startup.updated} with the changed fields, plus {@code credits.tier-changed} when the
     * tier moves. No change, no event.
     */
    @Transactional
    public Startup update(@NotNull UUID id, @Valid @NotNull StartupChanges changes) {
        Startup s = get(id);
        Versions.check("startup", id, changes.version(), s.version);
        List<String> changed = new ArrayList<>();
        if (changes.name() != null && Texts.differs(s.name, changes.name().trim())) {
            if (changes.name().isBlank()) {
                throw new InvalidInputException("name", "must not be blank");
            }
            s.name = changes.name().trim();
            changed.add("name");
        }
        if (changes.sectors() != null && Texts.differs(s.sectors, Texts.labels(changes.sectors()))) {
            s.sectors = Texts.labels(changes.sectors());
            changed.add("sectors");
        }
        Tier previousTier = s.tier;
        if (changes.tier() != null && changes.tier() != s.tier) {
            s.tier = changes.tier();
            changed.add("tier");
        }
        if (changed.isEmpty()) {
            return s;
        }
        s.updatedAt = Instant.now();
        em.flush();
        events.fire(StartupEvents.updated(s, changed));
        if (s.tier != previousTier) {
            credits.tierChanged(s, previousTier);
        }
        return s;
    }
}
