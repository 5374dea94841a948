package org.civstart.notification.rest;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;

import org.civstart.notification.inbox.InboxUsers;
import org.civstart.notification.preference.PreferenceKeys;
import org.civstart.rest.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The calling user: their id is the token's {@code sub}; their inbox comes from the token (an admin's
 * is the admins' inbox, a startup user's is their startup's, from {@code startup_id}); nobody names
 * another. The first call of a user makes them known to the service ({@link InboxUsers}).
 */
@RequestScoped
public class CallerUser {

    /** The width of inbox_user.user_id. */
    private static final int MAX_SUB_LENGTH = 255;

    @Inject
    Caller caller;

    @Inject
    JsonWebToken jwt;

    @Inject
    InboxUsers users;

    private String known;

    /** The caller's id, known to the service from now on (403 for a token without a usable {@code sub}). */
    public String id() {
        if (known == null) {
            String sub = jwt.getSubject();
            if (sub == null || sub.isBlank() || sub.length() > MAX_SUB_LENGTH) {
                throw new ForbiddenException("the token carries no usable sub");
            }
            known = users.known(sub, caller.isAdmin(), caller.isAdmin() ? null : caller.ownStartupId());
        }
        return known;
    }

    public boolean isAdmin() {
        return caller.isAdmin();
    }

    /** Whose notification preferences the caller edits: an admin their own, a startup user their startup's. */
    public String preferenceKey() {
        String id = id();
        UUID startup = caller.isAdmin() ? null : caller.ownStartupId();
        return startup == null ? PreferenceKeys.admin(id) : PreferenceKeys.startup(startup);
    }
}
