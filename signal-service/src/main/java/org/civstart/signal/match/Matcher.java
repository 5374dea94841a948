package org.civstart.signal.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.civstart.events.WireEnum;
import org.civstart.signal.domain.Tier;

/**
 * Scores startups for a signal, transparently and deterministically (same input, same output,
 * every point explained by a reason):
 * <ul>
 * <li>+3 per sector the signal and the startup share ({@code sector: defense});</li>
 * <li>+1 per keyword shared by the signal (tags, words of title and summary) and the startup (words
 * of its sectors and name), not counting shared sectors again ({@code keyword: drone});</li>
 * <li>only startups with at least one shared sector or keyword are candidates; those get a tier
 * bonus: enterprise +0.5, growth +0.25 ({@code tier: enterprise}).</li>
 * </ul>
 * Ties are broken by name, then id.
 */
public final class Matcher {

    public static final double SECTOR_POINTS = 3;
    public static final double KEYWORD_POINTS = 1;

    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "with", "from", "into", "that", "this", "are", "was", "will", "its", "our", "their",
            "new", "inc", "llc", "ltd", "corp", "about", "over", "under");

    public record SignalProfile(List<String> sectors, List<String> tags, String title, String summary) {}

    public record Candidate(UUID id, String name, List<String> sectors, Tier tier) {}

    public record Scored(Candidate startup, double score, List<String> reasons) {}

    private Matcher() {}

    public static List<Scored> rank(SignalProfile signal, List<Candidate> candidates, int top) {
        Set<String> signalSectors = new LinkedHashSet<>(lower(signal.sectors()));
        Set<String> signalWords = new LinkedHashSet<>(lower(signal.tags()));
        signalWords.addAll(words(signal.title()));
        signalWords.addAll(words(signal.summary()));
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            List<String> reasons = new ArrayList<>();
            double score = 0;
            List<String> sharedSectors = lower(c.sectors()).stream()
                    .filter(signalSectors::contains)
                    .sorted()
                    .toList();
            for (String s : sharedSectors) {
                score += SECTOR_POINTS;
                reasons.add("sector: " + s);
            }
            Set<String> startupWords = new TreeSet<>();
            c.sectors().forEach(s -> startupWords.addAll(words(s)));
            startupWords.addAll(words(c.name()));
            for (String w : startupWords) {
                if (signalWords.contains(w) && !sharedSectors.contains(w)) {
                    score += KEYWORD_POINTS;
                    reasons.add("keyword: " + w);
                }
            }
            if (score == 0) {
                continue;
            }
            double bonus = tierBonus(c.tier());
            if (bonus > 0) {
                score += bonus;
                reasons.add("tier: " + WireEnum.wireName(c.tier()));
            }
            scored.add(new Scored(c, score, List.copyOf(reasons)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(s -> s.startup().name(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(s -> s.startup().id()));
        return scored.size() > top ? List.copyOf(scored.subList(0, top)) : List.copyOf(scored);
    }

    static double tierBonus(Tier tier) {
        return switch (tier) {
            case ENTERPRISE -> 0.5;
            case GROWTH -> 0.25;
            case STARTER -> 0;
        };
    }

    private static List<String> lower(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    }

    static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3 && !STOP_WORDS.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
