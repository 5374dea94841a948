package org.civstart.rest;

/** A bad value Bean Validation cannot express (HTTP 400 naming {@link #field()}). */
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
