package org.civstart.sync.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;

/** running: pages are being read; completed: the last page was applied; failed: it stopped on an error, or its process died. */
public enum BackfillStatus implements WireEnum {
    RUNNING,
    COMPLETED,
    FAILED;

    @EnumeratedValue
    private final String wire = wireName();
}
