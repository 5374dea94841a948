package org.civstart.signal.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What the startup-owned requests (pool, connection, contact) share: their list query. */
public final class StartupRequests {

    private StartupRequests() {
    }

    /** A Panache query of one startup's (or every startup's) requests in one status (or any), newest first. */
    public record ListQuery(String query, Map<String, Object> params) {

        public static ListQuery of(UUID startupId, Object status) {
            StringBuilder where = new StringBuilder("1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (startupId != null) {
                where.append(" and startupId = :startupId");
                params.put("startupId", startupId);
            }
            if (status != null) {
                where.append(" and status = :status");
                params.put("status", status);
            }
            return new ListQuery(where + " order by createdAt desc, id", params);
        }
    }
}
