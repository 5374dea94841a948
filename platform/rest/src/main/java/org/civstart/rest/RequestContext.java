package org.civstart.rest;

import jakarta.enterprise.context.RequestScoped;

/**
 * What {@link RequestContextFilter} learnt about the current HTTP request: the caller (the token's
 * {@code sub}, null when anonymous) and the {@code Idempotency-Key} it sent, if any.
 */
@RequestScoped
public class RequestContext {

    /** How an unauthenticated caller is named in the idempotency table. */
    public static final String ANONYMOUS = "anonymous";

    private String subject;
    private String idempotencyKey;

    void set(String subject, String idempotencyKey) {
        this.subject = subject;
        this.idempotencyKey = idempotencyKey;
    }

    /** The token's {@code sub}; null for an anonymous request. */
    public String subject() {
        return subject;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
