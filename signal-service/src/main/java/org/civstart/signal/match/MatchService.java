package org.civstart.signal.match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;

import org.civstart.events.payload.MatchesGeneratedData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.SignalConfig;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalMatch;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.events.SignalEvents;

import io.quarkus.panache.common.Sort;

/** Runs the {@link Matcher} for a signal, stores the top N (replacing the last run) and emits {@code signal.match-generated}. */
@ApplicationScoped
public class MatchService {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    @Inject
    SignalConfig config;

    public List<SignalMatch> stored(UUID signalId) {
        Signal.require(signalId);
        return SignalMatch.list("signalId", Sort.ascending("rank"), signalId);
    }

    @Transactional
    public List<SignalMatch> generate(@NotNull UUID signalId) {
        Signal signal = Signal.require(signalId);
        List<Matcher.Candidate> candidates = Startup.<Startup>listAll().stream()
                .map(s -> new Matcher.Candidate(s.id, s.name, s.sectors, s.tier))
                .toList();
        List<Matcher.Scored> ranked = Matcher.rank(
                new Matcher.SignalProfile(signal.sectors, signal.tags, signal.title, signal.summary),
                candidates,
                config.matches().top());
        SignalMatch.delete("signalId", signalId);
        Instant now = Instant.now();
        List<SignalMatch> stored = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Matcher.Scored s = ranked.get(i);
            SignalMatch m = new SignalMatch();
            m.signalId = signalId;
            m.startupId = s.startup().id();
            m.rank = i + 1;
            m.score = s.score();
            m.reasons = new ArrayList<>(s.reasons());
            m.generatedAt = now;
            m.persist();
            stored.add(m);
        }
        em.flush();
        events.fire(SignalEvents.matchesGenerated(
                signal,
                ranked.stream()
                        .map(s -> new MatchesGeneratedData.Match(
                                s.startup().id(), s.startup().name(), s.score(), s.reasons()))
                        .toList()));
        return stored;
    }
}
