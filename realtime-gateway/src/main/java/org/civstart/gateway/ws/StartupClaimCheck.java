package org.civstart.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/** Refuses a {@code /client} upgrade (403) whose token names no startup: there is no room to join. */
@ApplicationScoped
public class StartupClaimCheck implements HttpUpgradeCheck {

    public static final String CLAIM = "startup_id";

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.equals(ClientEndpoint.class.getName());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().map(identity -> startupId(identity) != null
                ? CheckResult.permitUpgradeSync()
                : CheckResult.rejectUpgradeSync(403));
    }

    static String startupId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object claim = jwt.getClaim(CLAIM);
        String id = claim == null ? null : claim.toString().replace("\"", "");
        return id == null || id.isBlank() ? null : id;
    }
}
