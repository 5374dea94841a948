package org.civstart.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything this service lets operators tune ({@code civstart.notifications.*}). */
@ConfigMapping(prefix = "civstart.notifications")
public interface NotificationConfig {

    /** A {@code credits.updated} whose balance falls below this notifies the startup ("credits low"). */
    @WithDefault("5")
    long creditsLowThreshold();

    /** The portal's base URL, for links in emails and pushes. */
    @WithDefault("http://localhost:5173")
    String appUrl();

    Delivery delivery();

    Provider sms();

    Provider push();

    interface Delivery {
        /** How often the delivery loop looks for due deliveries. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed per round of the delivery loop. */
        @WithDefault("50")
        int batchSize();

        /** How long a claim holds before another replica may take the delivery over (a crashed sender). */
        @WithDefault("2m")
        Duration lease();

        /** Attempts before a delivery is marked failed. */
        @WithDefault("6")
        int maxAttempts();

        /** Wait after the first failed attempt; doubles after each further one. */
        @WithDefault("30s")
        Duration backoffBase();

        /** The longest wait between two attempts. */
        @WithDefault("1h")
        Duration backoffMax();

        /** Random extra wait, as a fraction of the backoff (0.2: up to 20% more). */
        @WithDefault("0.2")
        double jitter();
    }

    /** An HTTP provider: its URL is {@code quarkus.rest-client.<sms|push>.url}. */
    interface Provider {
        /** Sent as {@code Authorization: Bearer <api-key>}. */
        @WithDefault("none")
        String apiKey();
    }
}
