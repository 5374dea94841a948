package org.civstart.rest;

/** A request the domain refuses; {@link ErrorMappers} maps each subtype to its HTTP status. */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }
}
