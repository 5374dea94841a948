package org.civstart.chaos;

import java.util.Arrays;
import java.util.List;

/**
 * Which scenarios run and how big they are: {@code -Dchaos.scenarios=kill,broker,...} (or {@code all})
 * and {@code -Dchaos.mode=short|full}. Sizes can be overridden one by one ({@code -Dchaos.kill.writes=…}).
 */
final class Scenarios {

    static final List<String> ALL = List.of("kill", "broker", "postgres", "gateway", "storm", "poison", "soak");

    static boolean full() {
        return "full".equals(System.getProperty("chaos.mode", "short"));
    }

    static boolean selected(String scenario) {
        String s = System.getProperty("chaos.scenarios", "kill,broker,storm");
        return s.equals("all") || Arrays.asList(s.split(",")).contains(scenario);
    }

    /** A size: {@code -Dchaos.<name>} if given, else the full or the short value. */
    static long size(String name, long shortValue, long fullValue) {
        return Long.getLong("chaos." + name, full() ? fullValue : shortValue);
    }

    private Scenarios() {}
}
