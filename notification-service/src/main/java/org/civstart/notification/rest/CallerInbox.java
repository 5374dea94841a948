package org.civstart.notification.rest;

import org.civstart.notification.domain.Recipient;
import org.civstart.rest.Caller;

/**
 * Whose inbox a request works on: an admin's is the shared {@code admins} inbox, a startup user's
 * is its startup's ({@code startup:<startup_id>} from the token). Nobody names another inbox.
 */
final class CallerInbox {

    private CallerInbox() {
    }

    static Recipient of(Caller caller) {
        return caller.isAdmin() ? Recipient.ADMINS : Recipient.startup(caller.ownStartupId());
    }
}
