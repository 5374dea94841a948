package org.civstart.notification.domain;

/** An unknown id, or one that belongs to another recipient's inbox (we do not tell which): HTTP 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
