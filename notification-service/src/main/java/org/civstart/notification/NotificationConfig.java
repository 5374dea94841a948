package org.civstart.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything this service lets operators tune: {@code civstart.notification.*} in application.properties,
 * or environment variables {@code CIVSTART_NOTIFICATION_*}. Each default is written here only.
 */
@ConfigMapping(prefix = "civstart.notification")
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
        /** How often the delivery loop looks for due deliveries (the scheduler's minimum is 1s). */
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

    /** An HTTP provider: its URL and timeouts are {@code quarkus.rest-client.<sms|push>.*}. */
    interface Provider {
        /** Sent as {@code Authorization: Bearer <api-key>}; a deployment sets the provider's key. */
        @WithDefault("change-me")
        String apiKey();
    }
}
