package org.civstart.signal.metrics;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.civstart.events.Topic;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.SignalConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Emits {@code metrics.updated} and {@code analytics.updated} after changes, at most once per
 * {@code civstart.signal.metrics.min-interval} (1 s) per dashboard, never per write.
 *
 * <p>Every committed outbox event (except metrics themselves) asks for a refresh of the platform
 * dashboard and, if the event names a startup, of that startup's dashboard; events of the topics
 * the analytics count ({@link #ANALYTICS_TOPICS}) ask for a refresh of the analytics, and so does
 * {@code civstart.signal.analytics.refresh-every} (1 h), because the analytics' windows move with
 * time. A refresh is scheduled {@code civstart.signal.metrics.coalesce} (50 ms) after the first
 * change, or one minimum interval after the dashboard's previous emission if that is later; changes
 * that arrive while a refresh is pending ride along with it. The pending mark is cleared before the counters are read, so a change that
 * commits during the computation schedules another refresh: the last emission always shows the
 * last change.
 *
 * <p>Why not {@code @Scheduled}: Quarkus' built-in scheduler checks its triggers once per second,
 * too coarse for a 1 s debounce with a prompt first update; a single-threaded JDK scheduler
 * places each refresh exactly.
 *
 * <p>The marks live in memory per replica: a crash loses at most one refresh (the next change
 * recomputes from the database); with N replicas a dashboard gets at most N emissions per interval.
 */
@ApplicationScoped
public class MetricsDebouncer {

    private static final Logger LOG = Logger.getLogger(MetricsDebouncer.class);

    @Inject
    DashboardMetrics metrics;

    @Inject
    SignalConfig config;

    /** Topics whose events change the analytics (assignments and pool requests, connections, credits, startups' tiers). */
    static final Set<Topic> ANALYTICS_TOPICS =
            EnumSet.of(Topic.ASSIGNMENTS, Topic.CONNECTIONS, Topic.CREDITS, Topic.STARTUPS);

    private final Map<Dashboard, Boolean> pending = new ConcurrentHashMap<>();
    private final Map<Dashboard, Long> lastEmitted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-debouncer");
        t.setDaemon(true);
        return t;
    });

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent event) {
        if (event.type().topic() == Topic.METRICS) {
            return;
        }
        request(Dashboard.PLATFORM);
        if (event.startupId() != null) {
            request(Dashboard.startup(event.startupId()));
        }
        if (ANALYTICS_TOPICS.contains(event.type().topic())) {
            request(Dashboard.ANALYTICS);
        }
    }

    /** The analytics count things created in the last 7 and 30 days: the windows move even when nothing changes. */
    @Scheduled(
            every = "${civstart.signal.analytics.refresh-every}",
            delayed = "${civstart.signal.analytics.refresh-every}")
    void windowsMoved() {
        request(Dashboard.ANALYTICS);
    }

    private void request(Dashboard dashboard) {
        if (pending.putIfAbsent(dashboard, Boolean.TRUE) != null) {
            return; // a refresh is already scheduled and will read this change
        }
        long now = System.nanoTime();
        Long last = lastEmitted.get(dashboard);
        SignalConfig.Metrics limits = config.metrics();
        long delay = Math.max(
                limits.coalesce().toNanos(),
                last == null ? 0 : last + limits.minInterval().toNanos() - now);
        executor.schedule(() -> emit(dashboard), delay, TimeUnit.NANOSECONDS);
    }

    private void emit(Dashboard dashboard) {
        pending.remove(dashboard);
        lastEmitted.put(dashboard, System.nanoTime());
        try {
            metrics.emit(dashboard);
        } catch (RuntimeException e) {
            LOG.warnf("metrics for %s not emitted, retrying: %s", dashboard, e.toString());
            request(dashboard);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
