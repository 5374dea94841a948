package org.civstart.signal.domain;

/** A field value the domain cannot accept beyond what Bean Validation checks (HTTP 400). */
public class InvalidInputException extends DomainException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
