package org.civstart.rest;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls: an admin, or a startup user whose token carries {@code startup_id}. A startup reads and
 * changes only its own data; anything else is 403.
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

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    /** The caller's own startup (403 for a token without a valid {@code startup_id}). */
    public UUID ownStartupId() {
        Object claim = jwt.getClaim(STARTUP_ID_CLAIM);
        if (claim == null) {
            throw new ForbiddenException("the token carries no startup_id");
        }
        try {
            return UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("the token's startup_id is not a UUID");
        }
    }

    /** Admins may act on any startup's data; a startup only on its own. */
    public void requireAccess(UUID startupId) {
        if (!isAdmin() && !ownStartupId().equals(startupId)) {
            throw new ForbiddenException("this belongs to another startup");
        }
    }

    /**
     * The startup a list is restricted to: an admin gets what it asked for (null: all); a startup
     * gets its own, and asking for another's is 403.
     */
    public UUID scope(UUID requested) {
        if (isAdmin()) {
            return requested;
        }
        UUID own = ownStartupId();
        if (requested != null && !requested.equals(own)) {
            throw new ForbiddenException("this belongs to another startup");
        }
        return own;
    }

    /** The startup a request is made for: a startup always for itself; an admin must name it. */
    public UUID actingFor(UUID requested) {
        if (isAdmin()) {
            if (requested == null) {
                throw new InvalidInputException("startupId", "an admin must name the startup");
            }
            return requested;
        }
        return scope(requested);
    }
}
