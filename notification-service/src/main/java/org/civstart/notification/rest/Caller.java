package org.civstart.notification.rest;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;

import org.civstart.notification.domain.Recipient;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Whose inbox a request works on: an admin's is the shared {@code admins} inbox, a startup user's
 * is its startup's ({@code startup:<startup_id>} from the token). Nobody names another inbox.
 */
@RequestScoped
public class Caller {

    public static final String ADMIN = "admin";
    public static final String STARTUP = "startup";
    public static final String STARTUP_ID_CLAIM = "startup_id";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public Recipient inbox() {
        if (identity.hasRole(ADMIN)) {
            return Recipient.ADMINS;
        }
        Object claim = jwt.getClaim(STARTUP_ID_CLAIM);
        if (claim == null) {
            throw new ForbiddenException("the token carries no startup_id");
        }
        try {
            return Recipient.startup(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("the token's startup_id is not a UUID");
        }
    }
}
