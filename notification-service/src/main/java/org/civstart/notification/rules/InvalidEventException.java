package org.civstart.notification.rules;

/** A catalog event whose payload cannot make the notification its rule asks for: skipped and counted. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
