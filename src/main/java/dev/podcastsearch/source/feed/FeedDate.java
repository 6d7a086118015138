package dev.podcastsearch.source.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An item's {@code pubDate} as podcast apps read it. RSS 2.0 says RFC 822; hosts write it with variations that
 * {@link DateTimeFormatter#RFC_1123_DATE_TIME} refuses, so this reads:
 * <ul>
 * <li>RFC 822 / RFC 2822 dates: the weekday optional and ignored (even when it is not the date's), one- or two-digit
 * days, English month names by their first three letters, two-digit years (00-49 are 20xx, 50-99 19xx, as RFC 2822
 * section 4.3 has it), seconds optional, and a zone that is a numeric offset ({@code -0700} or {@code -07:00}), one of
 * RFC 822's names ({@code UT}, {@code GMT}, {@code EST} ... {@code PDT}), {@code UTC}, or a military letter;
 * {@code Z} is UTC, and the other letters too, because RFC 822 gave them the wrong signs and RFC 2822 says to read
 * them as UTC. No zone at all is UTC.</li>
 * <li>ISO-8601 dates, as Atom has them and some RSS feeds write: with an offset or {@code Z}, without one (UTC), or a
 * date alone (midnight UTC).</li>
 * </ul>
 * Any other zone name ({@code CET}, {@code IST}: ambiguous or unknown to RFC 822) or anything else unreadable gives no
 * date, rather than a guessed one.
 */
final class FeedDate {

    private static final Pattern RFC_822 = Pattern.compile("(?:[A-Za-z]+\\s*,?\\s*)?(\\d{1,2})\\s+([A-Za-z]{3,9})\\.?"
            + "\\s+(\\d{4}|\\d{2})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?"
            + "(?:\\s*([+-]\\d{2}:?\\d{2}|[A-Za-z]{1,3}))?(?:\\s*\\([^)]*\\))?");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    /** RFC 822 section 5's zone names, and UTC; hours from UTC. */
    private static final Map<String, Integer> NAMED_ZONES = Map.ofEntries(Map.entry("UT", 0), Map.entry("UTC", 0),
            Map.entry("GMT", 0), Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
            Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));
    private static final Pattern ISO_8601 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[Tt ].*)?");

    private FeedDate() {
    }

    /** The instant the text names, or null if it names none this reads. */
    static Instant read(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String date = text.strip();
        Matcher rfc822 = RFC_822.matcher(date);
        if (rfc822.matches()) {
            return rfc822(rfc822);
        }
        return ISO_8601.matcher(date).matches() ? iso8601(date.replace(' ', 'T')) : null;
    }

    private static Instant rfc822(Matcher date) {
        int month = MONTHS.indexOf(date.group(2).substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
        ZoneOffset offset = offset(date.group(7));
        if (month == 0 || offset == null) {
            return null;
        }
        int year = Integer.parseInt(date.group(3));
        if (date.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        }
        try {
            return LocalDate.of(year, month, Integer.parseInt(date.group(1)))
                    .atTime(LocalTime.of(Integer.parseInt(date.group(4)), Integer.parseInt(date.group(5)),
                            date.group(6) == null ? 0 : Integer.parseInt(date.group(6))))
                    .toInstant(offset);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.startsWith("+") || zone.startsWith("-")) {
            String digits = zone.replace(":", "");
            try {
                return ZoneOffset.ofHoursMinutes(Integer.parseInt(digits.substring(0, 3)),
                        Integer.parseInt(digits.charAt(0) + digits.substring(3)));
            } catch (DateTimeException impossible) {
                return null;
            }
        }
        String name = zone.toUpperCase(Locale.ROOT);
        if (NAMED_ZONES.containsKey(name)) {
            return ZoneOffset.ofHours(NAMED_ZONES.get(name));
        }
        boolean military = name.length() == 1 && name.charAt(0) != 'J';
        return military ? ZoneOffset.UTC : null;
    }

    private static Instant iso8601(String date) {
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(date).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException noTime) {
                try {
                    return LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }
}
