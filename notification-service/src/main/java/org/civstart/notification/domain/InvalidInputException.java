package org.civstart.notification.domain;

/** Bad input in one named field: HTTP 400 with {@code fields: {<field>: <message>}}. */
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
