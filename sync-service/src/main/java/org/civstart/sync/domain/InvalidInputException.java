package org.civstart.sync.domain;

/** Bad input that Bean Validation cannot see (e.g. a table id with no mapping); names the field. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
