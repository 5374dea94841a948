package org.civstart.signal.credits;

import java.time.YearMonth;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Grants the monthly allotments on the 1st of each month (UTC); safe to run on every replica (idempotent per month). */
@ApplicationScoped
public class MonthlyAllotments {

    private static final Logger LOG = Logger.getLogger(MonthlyAllotments.class);

    @Inject
    CreditService credits;

    @Scheduled(
            cron = "${civstart.signal.credits.allotment-cron}",
            timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void grant() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        LOG.infof("monthly allotments %s: %d startups credited", month, credits.grantMonthlyAllotments(month));
    }
}
