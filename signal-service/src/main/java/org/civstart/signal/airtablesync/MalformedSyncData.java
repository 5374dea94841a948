package org.civstart.signal.airtablesync;

/** An Airtable sync event whose payload cannot be applied (missing or mistyped field, unknown action). */
public class MalformedSyncData extends RuntimeException {

    public MalformedSyncData(String message) {
        super(message);
    }
}
