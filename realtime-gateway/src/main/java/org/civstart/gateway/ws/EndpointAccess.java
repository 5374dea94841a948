package org.civstart.gateway.ws;

import org.civstart.gateway.session.Endpoint;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who may open which socket — the one rule, used at the WebSocket upgrade ({@link Upgrades})
 * and by {@code GET /api/token-check}, so the two can never disagree:
 * <ul>
 * <li>{@code /admin}: a valid token with role {@code admin};</li>
 * <li>{@code /client}: a valid token with role {@code startup} and a {@code startup_id} claim (the room
 * to join: it always comes from the token, never from the client).</li>
 * </ul>
 * An invalid or expired token never gets this far: the OIDC mechanism refuses it with 401 first.
 */
public final class EndpointAccess {

    public static final String ADMIN_ROLE = "admin";
    public static final String STARTUP_ROLE = "startup";
    public static final String STARTUP_CLAIM = "startup_id";

    private EndpointAccess() {}

    /** The outcome for one token and one endpoint: {@code status} 204 (accepted), 401 or 403, with a reason. */
    public record Verdict(int status, String error, String message) {

        static final Verdict ACCEPTED = new Verdict(204, null, null);

        public boolean accepted() {
            return status == 204;
        }
    }

    public static Verdict check(Endpoint endpoint, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Verdict(401, "unauthorized", "a bearer token is required");
        }
        return switch (endpoint) {
            case ADMIN ->
                identity.hasRole(ADMIN_ROLE)
                        ? Verdict.ACCEPTED
                        : new Verdict(403, "forbidden", "/admin needs a token with role admin");
            case CLIENT ->
                !identity.hasRole(STARTUP_ROLE)
                        ? new Verdict(403, "forbidden", "/client needs a token with role startup")
                        : startupId(identity) == null
                                ? new Verdict(
                                        403,
                                        "forbidden",
                                        "/client needs a token with a startup_id claim (the startup's room)")
                                : Verdict.ACCEPTED;
        };
    }

    /** The token's {@code startup_id} claim, or null. */
    public static String startupId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        // JsonWebToken.getClaim first looks the name up among the standard claims and throws for a
        // custom one like this: read the claims directly where the principal offers them (OIDC's does)
        Object claim = jwt instanceof OidcJwtCallerPrincipal oidc
                ? oidc.getClaims().getClaimValue(STARTUP_CLAIM)
                : jwt.getClaim(STARTUP_CLAIM);
        String id = claim == null ? null : claim.toString().replace("\"", "");
        return id == null || id.isBlank() ? null : id;
    }

    /** When the token expires (epoch ms), 0 if it does not say. */
    public static long expiresAtMillis(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return 0;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            return jwt.getExpirationTime() * 1000;
        }
        return identity.getAttribute("quarkus.identity.expire-time") instanceof Long seconds ? seconds * 1000 : 0;
    }

    /** The token's subject ({@code sub}): the user, for per-user events. */
    public static String userId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
