package org.civstart.rest;

/** An id that names nothing the caller may see (HTTP 404). */
public class NotFoundException extends DomainException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
