package org.civstart.sync.airtable;

/** Airtable refused a request (4xx other than 429): trying again will not help. */
public class AirtableRejectedException extends RuntimeException {
    private final int status;
    private final String errorType;

    public AirtableRejectedException(String message, int status, String errorType) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    /** Airtable's error type (e.g. {@code NOT_FOUND}, {@code INVALID_PERMISSIONS}), or null. */
    public String errorType() {
        return errorType;
    }
}
