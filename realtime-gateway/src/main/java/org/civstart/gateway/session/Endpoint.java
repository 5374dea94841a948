package org.civstart.gateway.session;

/** The two WebSocket paths: {@code /admin} and {@code /client}. */
public enum Endpoint {
    ADMIN,
    CLIENT;

    /** {@code admin} / {@code client}: the name in frames, metrics and {@code /api/token-check}. */
    public String label() {
        return this == ADMIN ? "admin" : "client";
    }
}
