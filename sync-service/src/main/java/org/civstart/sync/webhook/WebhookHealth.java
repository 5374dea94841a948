package org.civstart.sync.webhook;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.civstart.sync.domain.Webhook;
import org.civstart.sync.domain.WebhookStatus;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.health.api.Wellness;

/**
 * {@code /q/health/well}: DOWN while any webhook is failed or expired (Airtable changes are not
 * arriving for its base), naming each one. A wellness check, not readiness: the service itself
 * keeps serving (other webhooks, admin API), and restarting it would not help.
 */
@Wellness
@ApplicationScoped
public class WebhookHealth implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        List<Webhook> webhooks = QuarkusTransaction.requiringNew().call(() -> Webhook.<Webhook>listAll());
        HealthCheckResponseBuilder b =
                HealthCheckResponse.named("airtable-webhooks").up();
        long active = webhooks.stream().filter(Webhook::isActive).count();
        b.withData("active", active);
        for (Webhook w : webhooks) {
            if (w.status != WebhookStatus.ACTIVE) {
                b.down().withData(w.id, w.status.wireName() + " (base " + w.baseId + "): " + w.lastError);
            }
        }
        return b.build();
    }
}
