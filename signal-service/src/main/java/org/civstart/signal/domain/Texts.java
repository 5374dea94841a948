package org.civstart.signal.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Small normalizations shared by the create/update operations. */
public final class Texts {

    private Texts() {}

    /** Trimmed; blank becomes null (how a client clears an optional text). */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    /** Trimmed, lower-case, blank entries dropped, duplicates removed, order kept. */
    public static List<String> labels(List<String> values) {
        if (values == null) {
            return new ArrayList<>();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v.trim().toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(out);
    }

    /** Records {@code field} in {@code changed} when the value differs. */
    public static boolean differs(Object current, Object next) {
        return !Objects.equals(current, next);
    }
}
