package org.civstart.chaos.check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one scenario: the figures it is judged by ({@code writes}, {@code events}, {@code lost},
 * {@code duplicated}, {@code outOfOrder}, {@code recoverySeconds}) and, in {@code details}, what each
 * of them is made of and whatever else the scenario measured.
 */
public final class Figures {

    public final String scenario;
    public long writes;
    public long events;
    public long lost;
    public long duplicated;
    public long outOfOrder;
    public double recoverySeconds;
    public final Map<String, Object> details = new LinkedHashMap<>();

    public Figures(String scenario) {
        this.scenario = scenario;
    }

    public Figures detail(String name, Object value) {
        details.put(name, value);
        return this;
    }

    /** The one line a scenario prints. */
    public String line() {
        return String.format(
                "CHAOS %-8s writes=%d events=%d lost=%d duplicated=%d outOfOrder=%d recovery=%.1fs %s",
                scenario, writes, events, lost, duplicated, outOfOrder, recoverySeconds, details);
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("writes", writes);
        m.put("events", events);
        m.put("lost", lost);
        m.put("duplicated", duplicated);
        m.put("outOfOrder", outOfOrder);
        m.put("recoverySeconds", Math.round(recoverySeconds * 10) / 10.0);
        m.putAll(details);
        return m;
    }
}
