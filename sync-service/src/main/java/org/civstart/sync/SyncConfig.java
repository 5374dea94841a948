package org.civstart.sync;

import java.time.Duration;
import java.util.Map;

import org.civstart.sync.mapping.Kind;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * This service's own settings: everything the Airtable sync is told from outside,
 * {@code civstart.sync.airtable.*} (environment {@code CIVSTART_SYNC_AIRTABLE_*}); each default is
 * written here, once. The REST client itself (base URL, timeouts) is configured under
 * {@code quarkus.rest-client.airtable.*}. The table mapping comes with the deployment:
 *
 * <pre>
 * civstart.sync.airtable.tables.tblSIGNALS.kind=signal
 * civstart.sync.airtable.tables.tblSIGNALS.fields.fldTITLE=title
 * civstart.sync.airtable.tables.tblSIGNALS.fields.fldSECTORS=sectors
 * </pre>
 */
@ConfigMapping(prefix = "civstart.sync.airtable")
public interface SyncConfig {

    /**
     * The Airtable personal access token (scopes webhook:manage, data.records:read). Never logged. In
     * Kubernetes from the Secret {@code sync-service-secrets}; without one, Airtable refuses every call.
     */
    @WithDefault("unset")
    String token();

    /** Our public URL of {@code POST /webhooks/airtable}, given to Airtable when a webhook is registered. */
    @WithDefault("http://localhost:8083/webhooks/airtable")
    String notificationUrl();

    /** Airtable allows 5 requests per second per base; the client never sends more. */
    @WithDefault("5")
    int requestsPerSecond();

    /** How long a base is left alone after Airtable answered 429 (Airtable asks for 30 seconds). */
    @WithDefault("30s")
    Duration rateLimitPause();

    /** 429 answers in a row after which a request gives up. */
    @WithDefault("10")
    int maxRateLimitRetries();

    /** Payloads asked for per list-payloads call (Airtable returns at most 50). */
    @WithDefault("50")
    int payloadPageSize();

    /** Records asked for per page of a backfill (Airtable returns at most 100). */
    @WithDefault("100")
    int recordsPageSize();

    /** A notification ping is ~150 bytes; anything larger than this is refused with 413. */
    @WithDefault("8192")
    int maxPingBytes();

    Processing processing();

    Refresh refresh();

    Backfill backfill();

    /** The mapped tables, by Airtable table id ({@code tbl...}). Tables not listed here are ignored. */
    Map<String, TableMapping> tables();

    interface Processing {
        /** Threads that read and apply payloads (one webhook is drained by one thread at a time). */
        @WithDefault("4")
        int threads();

        /** How long to wait before a failed drain is tried again (the sweep also finds pings a crash left). */
        @WithDefault("5s")
        Duration retryAfter();
    }

    interface Refresh {
        /** How often the refresher looks (a Quarkus scheduler interval, e.g. {@code 1h}). */
        @WithDefault("1h")
        String every();

        /** Webhooks expiring sooner than this are refreshed (they expire 7 days after the last refresh). */
        @WithDefault("48h")
        Duration ahead();
    }

    interface Backfill {
        /**
         * A running backfill whose process has not reported progress for this long is marked failed
         * (its process died). Longer than the slowest page: {@code max-rate-limit-retries} x {@code rate-limit-pause}.
         */
        @WithDefault("10m")
        Duration abandonedAfter();

        /** How often running backfills are checked for a stale heartbeat (a Quarkus scheduler interval). */
        @WithDefault("1m")
        String checkEvery();
    }

    interface TableMapping {
        Kind kind();

        /** Airtable field id ({@code fld...}) → our field name (one of {@link Kind#fields()}). */
        Map<String, String> fields();
    }
}
