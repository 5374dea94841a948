package org.civstart.signal.domain;

/** A request the domain refuses; the REST layer maps each subtype to its HTTP status. */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }
}
