package org.civstart.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import org.civstart.gateway.fanout.Session;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Refuses an upgrade of {@code /admin} or {@code /client} that {@link EndpointAccess} does not accept:
 * 401 without a token, 403 for the wrong role or a {@code /client} token without a startup.
 */
@ApplicationScoped
public class UpgradeAccessCheck implements HttpUpgradeCheck {

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointOf(endpointId) != null;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        Session.Endpoint endpoint = endpointOf(context.endpointId());
        return context.securityIdentity().map(identity -> {
            EndpointAccess.Verdict verdict = EndpointAccess.check(endpoint, identity);
            return verdict.accepted() ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(verdict.status());
        });
    }

    private static Session.Endpoint endpointOf(String endpointId) {
        if (AdminEndpoint.class.getName().equals(endpointId)) {
            return Session.Endpoint.ADMIN;
        }
        if (ClientEndpoint.class.getName().equals(endpointId)) {
            return Session.Endpoint.CLIENT;
        }
        return null;
    }
}
