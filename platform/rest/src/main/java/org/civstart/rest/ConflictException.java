package org.civstart.rest;

/** Illegal transition, duplicate, stale version, insufficient credits (HTTP 409). */
public class ConflictException extends DomainException {

    public ConflictException(String message) {
        super(message);
    }
}
