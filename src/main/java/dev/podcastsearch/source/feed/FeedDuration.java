package dev.podcastsearch.source.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An item's {@code itunes:duration} as whole seconds. Apple documents seconds; hosts write every form podcast apps
 * read: {@code HH:MM:SS}, {@code MM:SS} (where minutes may pass 59: {@code 90:00}) and plain seconds, the last part
 * with a fraction or not ({@code 55:32.5}, rounded to the nearest second, halves up), whitespace around. Anything
 * else, zero, and anything longer than {@link #MAX_SECONDS} (no episode, but milliseconds written as seconds) is no
 * duration rather than a wrong one.
 */
final class FeedDuration {

    /** A week. */
    static final long MAX_SECONDS = 7 * 24 * 3600;

    // Bounded digits: no part can overflow, whatever the feed writes.
    private static final Pattern WHOLE = Pattern.compile("\\d{1,6}");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(?:\\.\\d{1,9})?");
    private static final BigDecimal MINUTE = BigDecimal.valueOf(60);

    private FeedDuration() {
    }

    /** The whole seconds the text names, or null. */
    static Long read(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.strip().split(":", -1);
        if (parts.length > 3) {
            return null;
        }
        long minutes = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!WHOLE.matcher(parts[i]).matches()) {
                return null;
            }
            long value = Long.parseLong(parts[i]);
            // Minutes after hours are two digits at most, and below 60; the first part is not bounded so.
            if (i > 0 && (parts[i].length() > 2 || value >= 60)) {
                return null;
            }
            minutes = minutes * 60 + value;
        }
        String last = parts[parts.length - 1];
        if (!SECONDS.matcher(last).matches()) {
            return null;
        }
        BigDecimal seconds = new BigDecimal(last);
        int wholeDigits = last.indexOf('.') < 0 ? last.length() : last.indexOf('.');
        if (parts.length > 1 && (wholeDigits > 2 || seconds.compareTo(MINUTE) >= 0)) {
            return null;
        }
        long total = minutes * 60 + seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
        return total > 0 && total <= MAX_SECONDS ? total : null;
    }
}
