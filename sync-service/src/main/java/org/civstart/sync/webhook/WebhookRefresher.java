package org.civstart.sync.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/** Keeps webhooks alive: Airtable disables a webhook 7 days after its creation or last refresh. */
@ApplicationScoped
public class WebhookRefresher {

    @Inject
    Webhooks webhooks;

    @Scheduled(
            every = "${civstart.sync.airtable.refresh.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshDue() {
        webhooks.refreshDue();
    }
}
