package org.civstart.sync.airtable;

/** Airtable answered 5xx, did not answer in time, or kept answering 429: worth trying again later. */
public class AirtableUnavailableException extends RuntimeException {
    public AirtableUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
