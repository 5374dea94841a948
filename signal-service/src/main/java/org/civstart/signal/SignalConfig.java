package org.civstart.signal;

import java.time.Duration;

import org.civstart.signal.domain.Tier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * This service's own settings ({@code civstart.signal.*}, environment {@code CIVSTART_SIGNAL_*}); each
 * default is written here, once.
 */
@ConfigMapping(prefix = "civstart.signal")
public interface SignalConfig {

    Credits credits();

    Matches matches();

    Metrics metrics();

    Analytics analytics();

    interface Credits {

        /** What each tier receives on the 1st of every month (UTC): {@code monthly-allotment.<tier>}. */
        MonthlyAllotment monthlyAllotment();

        /** When the monthly allotments are granted (a Quarkus cron expression, UTC). */
        @WithDefault("0 5 0 1 * ?")
        String allotmentCron();

        interface MonthlyAllotment {

            @WithDefault("10")
            int starter();

            @WithDefault("50")
            int growth();

            @WithDefault("200")
            int enterprise();
        }

        default int allotment(Tier tier) {
            return switch (tier) {
                case STARTER -> monthlyAllotment().starter();
                case GROWTH -> monthlyAllotment().growth();
                case ENTERPRISE -> monthlyAllotment().enterprise();
            };
        }
    }

    interface Matches {

        /** The matcher stores this many matches per signal. */
        @WithDefault("10")
        int top();
    }

    interface Metrics {

        /** At most one {@code metrics.updated} / {@code analytics.updated} per dashboard this often. */
        @WithDefault("1s")
        Duration minInterval();

        /** The first emission follows the first change this late (changes until then ride along). */
        @WithDefault("50ms")
        Duration coalesce();
    }

    interface Analytics {

        /**
         * The analytics (7 and 30 days) are recomputed this often even when nothing changes, because
         * their windows move with time (a Quarkus scheduler interval).
         */
        @WithDefault("1h")
        String refreshEvery();
    }
}
