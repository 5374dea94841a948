package org.civstart.notification.preference;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.Category;
import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.Preference;
import org.civstart.rest.InvalidInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads and replaces preferences by owner key ({@link PreferenceKeys}: a startup's, one admin's, or
 * the admin team's), and answers which channels and address a delivery uses.
 */
@ApplicationScoped
public class Preferences {

    private static final int DEFAULT_DIGEST_WINDOW_SECONDS = 3600;

    @Inject
    ObjectMapper json;

    /**
     * One owner's preferences.
     *
     * @param channels per category, the channels to use; a category left out uses every channel the
     *        owner has an address for; in-app is always on
     * @param quietStart start of the quiet hours (in {@code timeZone}); deliveries due inside them wait
     *        for {@code quietEnd}
     * @param digestEnabled assignment emails are batched into one email per {@code digestWindowSeconds}
     */
    public record Settings(
            String email,
            String phone,
            String pushToken,
            Map<Category, Set<Channel>> channels,
            LocalTime quietStart,
            LocalTime quietEnd,
            String timeZone,
            Boolean digestEnabled,
            Integer digestWindowSeconds) {}

    /** The saved ones, or the defaults when the owner never saved any. */
    @Transactional
    public Settings get(String key) {
        Preference p = Preference.findById(key);
        return p == null
                ? new Settings(null, null, null, Map.of(), null, null, "UTC", false, DEFAULT_DIGEST_WINDOW_SECONDS)
                : settings(p);
    }

    /** Replaces them all (a field left out is cleared or takes its default). */
    @Transactional
    public Settings put(String key, Settings v) {
        if ((v.quietStart() == null) != (v.quietEnd() == null)) {
            throw new InvalidInputException(
                    v.quietStart() == null ? "quietStart" : "quietEnd",
                    "quiet hours need both quietStart and quietEnd");
        }
        String zone = v.timeZone() == null ? "UTC" : v.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "is not a time zone id such as Europe/Berlin");
        }
        Preference p = Preference.findById(key);
        if (p == null) {
            p = new Preference();
            p.recipient = key;
        }
        p.email = v.email();
        p.phone = v.phone();
        p.pushToken = v.pushToken();
        p.channels = write(v.channels() == null ? Map.of() : v.channels());
        p.quietStart = v.quietStart();
        p.quietEnd = v.quietEnd();
        p.timeZone = zone;
        p.digestEnabled = Boolean.TRUE.equals(v.digestEnabled());
        p.digestWindowSeconds =
                v.digestWindowSeconds() == null ? DEFAULT_DIGEST_WINDOW_SECONDS : v.digestWindowSeconds();
        p.updatedAt = Instant.now();
        p.persist();
        return settings(p);
    }

    /** The external channels a notification of {@code category} goes to: chosen and with an address. */
    public Set<Channel> channelsFor(Preference p, Category category) {
        Set<Channel> chosen = channels(p).get(category);
        Set<Channel> result = EnumSet.noneOf(Channel.class);
        for (Channel c : Channel.values()) {
            if (c.external() && (chosen == null || chosen.contains(c)) && address(p, c) != null) {
                result.add(c);
            }
        }
        return result;
    }

    public String address(Preference p, Channel channel) {
        return switch (channel) {
            case EMAIL -> blankToNull(p.email);
            case SMS -> blankToNull(p.phone);
            case PUSH -> blankToNull(p.pushToken);
            case IN_APP -> p.recipient;
        };
    }

    private Settings settings(Preference p) {
        return new Settings(
                p.email,
                p.phone,
                p.pushToken,
                channels(p),
                p.quietStart,
                p.quietEnd,
                p.timeZone,
                p.digestEnabled,
                p.digestWindowSeconds);
    }

    private Map<Category, Set<Channel>> channels(Preference p) {
        try {
            Map<Category, Set<Channel>> m = json.readValue(
                    p.channels == null ? "{}" : p.channels, new TypeReference<Map<Category, Set<Channel>>>() {});
            return m.isEmpty() ? Map.of() : new EnumMap<>(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored channels of " + p.recipient + " unreadable", e);
        }
    }

    private String write(Map<Category, Set<Channel>> channels) {
        try {
            return json.writeValueAsString(channels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
