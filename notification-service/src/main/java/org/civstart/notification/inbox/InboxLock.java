package org.civstart.notification.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.Recipient;

/**
 * Serializes the changes of one inbox across threads and replicas (a PostgreSQL transaction-level
 * advisory lock on the recipient): the unread count each event carries is then exact, and the
 * events' outbox order is their commit order.
 */
@ApplicationScoped
public class InboxLock {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Recipient recipient) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) locked")
                .setParameter(1, "inbox:" + recipient.key())
                .getSingleResult();
    }
}
