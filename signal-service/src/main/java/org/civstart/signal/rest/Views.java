package org.civstart.signal.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.civstart.rest.Paging;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.AssignmentStatus;
import org.civstart.signal.domain.AssignmentType;
import org.civstart.signal.domain.ConnectionRequest;
import org.civstart.signal.domain.ConnectionStatus;
import org.civstart.signal.domain.ContactRequest;
import org.civstart.signal.domain.ContactRequestStatus;
import org.civstart.signal.domain.LedgerEntry;
import org.civstart.signal.domain.LedgerEntryType;
import org.civstart.signal.domain.PoolRequest;
import org.civstart.signal.domain.PoolRequestStatus;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalMatch;
import org.civstart.signal.domain.SignalSource;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.TargetType;
import org.civstart.signal.domain.Tier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;

/** What the REST API returns (entities never leave the service). */
public final class Views {

    private Views() {}

    /** 201 with the new resource's location. */
    public static <T> RestResponse<T> created(String location, T entity) {
        return RestResponse.ResponseBuilder.<T>created(URI.create(location))
                .entity(entity)
                .build();
    }

    /** A page of entities as a page of views. */
    static <E, V> Paging.Page<V> page(Paging.Page<E> page, Function<E, V> view) {
        return new Paging.Page<>(page.items().stream().map(view).toList(), page.page(), page.size(), page.total());
    }

    /** The signals and startups the views name are loaded in two queries, not two per item. */
    static List<AssignmentView> assignments(List<Assignment> list) {
        Map<UUID, Signal> signals =
                Signal.byIds(list.stream().map(a -> a.signalId).toList());
        Map<UUID, Startup> startups =
                Startup.byIds(list.stream().map(a -> a.startupId).toList());
        return list.stream()
                .map(a -> AssignmentView.of(a, signals.get(a.signalId), startups.get(a.startupId)))
                .toList();
    }

    static List<PoolRequestView> poolRequests(List<PoolRequest> list) {
        Map<UUID, Signal> signals =
                Signal.byIds(list.stream().map(r -> r.signalId).toList());
        Map<UUID, Startup> startups =
                Startup.byIds(list.stream().map(r -> r.startupId).toList());
        return list.stream()
                .map(r -> PoolRequestView.of(r, signals.get(r.signalId), startups.get(r.startupId)))
                .toList();
    }

    static List<ConnectionView> connections(List<ConnectionRequest> list) {
        return withStartups(list, c -> c.startupId, ConnectionView::of);
    }

    static List<ContactRequestView> contactRequests(List<ContactRequest> list) {
        return withStartups(list, c -> c.startupId, ContactRequestView::of);
    }

    static List<MatchView> matches(List<SignalMatch> list) {
        return withStartups(list, m -> m.startupId, MatchView::of);
    }

    /** Each item's view with the startup it names; the startups are loaded in one query, not one per item. */
    private static <E, V> List<V> withStartups(
            List<E> list, Function<E, UUID> startupId, BiFunction<E, Startup, V> view) {
        Map<UUID, Startup> startups = Startup.byIds(list.stream().map(startupId).toList());
        return list.stream()
                .map(e -> view.apply(e, startups.get(startupId.apply(e))))
                .toList();
    }

    /** A signal as its reader may see it: admins the whole {@link SignalView}, startups the {@link PublicSignalView}. */
    @Schema(oneOf = {SignalView.class, PublicSignalView.class})
    public sealed interface SignalRead permits SignalView, PublicSignalView {
        static SignalRead of(Signal s, boolean admin) {
            return admin ? SignalView.of(s) : PublicSignalView.of(s);
        }
    }

    public record SignalView(
            UUID id,
            String signalIdentifier,
            String title,
            String summary,
            String agency,
            List<String> sectors,
            List<String> tags,
            SignalStatus status,
            List<SignalStatus> nextStatuses,
            int poolCost,
            LocalDate dueDate,
            SignalSource source,
            String airtableRecordId,
            Instant createdAt,
            Instant updatedAt,
            long version)
            implements SignalRead {
        public static SignalView of(Signal s) {
            return new SignalView(
                    s.id,
                    s.signalIdentifier,
                    s.title,
                    s.summary,
                    s.agency,
                    List.copyOf(s.sectors),
                    List.copyOf(s.tags),
                    s.status,
                    s.status.next().stream().sorted().toList(),
                    s.poolCost,
                    s.dueDate,
                    s.source,
                    s.airtableRecordId,
                    s.createdAt,
                    s.updatedAt,
                    s.version);
        }
    }

    /** What a startup may read of a signal: the fields of {@code PublicSignalData} (the startups' signal events). */
    public record PublicSignalView(
            UUID id,
            String signalIdentifier,
            String title,
            String summary,
            String agency,
            List<String> sectors,
            List<String> tags,
            int poolCost,
            LocalDate dueDate,
            boolean inPool,
            long version)
            implements SignalRead {
        public static PublicSignalView of(Signal s) {
            return new PublicSignalView(
                    s.id,
                    s.signalIdentifier,
                    s.title,
                    s.summary,
                    s.agency,
                    List.copyOf(s.sectors),
                    List.copyOf(s.tags),
                    s.poolCost,
                    s.dueDate,
                    s.inPool(),
                    s.version);
        }
    }

    public record StartupView(
            UUID id,
            String name,
            List<String> sectors,
            Tier tier,
            String airtableRecordId,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        public static StartupView of(Startup s) {
            return new StartupView(
                    s.id,
                    s.name,
                    List.copyOf(s.sectors),
                    s.tier,
                    s.airtableRecordId,
                    s.createdAt,
                    s.updatedAt,
                    s.version);
        }
    }

    /** {@code version}: the credit account's, as in credits events. */
    public record CreditsView(UUID startupId, long balance, Tier tier, int monthlyAllotment, long version) {}

    public record LedgerEntryView(
            UUID id,
            UUID startupId,
            LedgerEntryType entryType,
            long amount,
            long balanceAfter,
            String reason,
            String reference,
            Instant createdAt) {
        public static LedgerEntryView of(LedgerEntry e) {
            return new LedgerEntryView(
                    e.id, e.startupId, e.entryType, e.amount, e.balanceAfter, e.reason, e.reference, e.createdAt);
        }
    }

    public record AssignmentView(
            UUID id,
            UUID signalId,
            String signalIdentifier,
            String signalTitle,
            String agency,
            UUID startupId,
            String startupName,
            AssignmentType assignmentType,
            AssignmentStatus status,
            String responseNote,
            LocalDate dueDate,
            Instant createdAt,
            Instant viewedAt,
            Instant respondedAt,
            long version) {
        public static AssignmentView of(Assignment a, Signal s, Startup st) {
            return new AssignmentView(
                    a.id,
                    a.signalId,
                    s.signalIdentifier,
                    s.title,
                    s.agency,
                    a.startupId,
                    st.name,
                    a.assignmentType,
                    a.status,
                    a.responseNote,
                    a.dueDate,
                    a.createdAt,
                    a.viewedAt,
                    a.respondedAt,
                    a.version);
        }
    }

    public record PoolRequestView(
            UUID id,
            UUID signalId,
            String signalIdentifier,
            String signalTitle,
            UUID startupId,
            String startupName,
            PoolRequestStatus status,
            int creditCost,
            String message,
            UUID assignmentId,
            String decisionNote,
            Instant createdAt,
            Instant decidedAt,
            long version) {
        public static PoolRequestView of(PoolRequest r, Signal s, Startup st) {
            return new PoolRequestView(
                    r.id,
                    r.signalId,
                    s.signalIdentifier,
                    s.title,
                    r.startupId,
                    st.name,
                    r.status,
                    r.creditCost,
                    r.message,
                    r.assignmentId,
                    r.decisionNote,
                    r.createdAt,
                    r.decidedAt,
                    r.version);
        }
    }

    public record ConnectionView(
            UUID id,
            UUID startupId,
            String startupName,
            TargetType targetType,
            String targetId,
            String targetName,
            String note,
            ConnectionStatus status,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        public static ConnectionView of(ConnectionRequest c, Startup st) {
            return new ConnectionView(
                    c.id,
                    c.startupId,
                    st.name,
                    c.targetType,
                    c.targetId,
                    c.targetName,
                    c.note,
                    c.status,
                    c.createdAt,
                    c.updatedAt,
                    c.version);
        }
    }

    public record ContactRequestView(
            UUID id,
            UUID startupId,
            String startupName,
            String contactName,
            String organizationName,
            String message,
            ContactRequestStatus status,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        public static ContactRequestView of(ContactRequest c, Startup st) {
            return new ContactRequestView(
                    c.id,
                    c.startupId,
                    st.name,
                    c.contactName,
                    c.organizationName,
                    c.message,
                    c.status,
                    c.createdAt,
                    c.updatedAt,
                    c.version);
        }
    }

    public record MatchView(
            int rank, UUID startupId, String startupName, double score, List<String> reasons, Instant generatedAt) {
        public static MatchView of(SignalMatch m, Startup st) {
            return new MatchView(m.rank, m.startupId, st.name, m.score, List.copyOf(m.reasons), m.generatedAt);
        }
    }
}
