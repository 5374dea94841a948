package org.civstart.rest;

/**
 * A retry of a request that already ran: {@link ErrorMappers} answers it with the first request's
 * status, {@code Location} and body (and {@code Idempotency-Replayed: true}). Nothing ran again.
 */
public class IdempotentReplay extends RuntimeException {

    public static final String HEADER = "Idempotency-Replayed";

    private final int status;
    private final String location;
    private final String body;

    public IdempotentReplay(int status, String location, String body) {
        super("replay of an earlier answer", null, false, false);
        this.status = status;
        this.location = location;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String location() {
        return location;
    }

    public String body() {
        return body;
    }
}
