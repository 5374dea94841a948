package org.civstart.notification.template;

/** A template could not render (e.g. it names a variable the event does not have): the delivery fails with this message. */
public class RenderException extends Exception {

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
