package org.civstart.signal.domain;

/** An id that names nothing (HTTP 404). */
public class NotFoundException extends DomainException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
