package dev.podcastsearch.search;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.podcastsearch.source.Filterable;
import dev.podcastsearch.source.Hit;

/**
 * What a hit must be to be answered, each bound null when not given: published from {@code publishedAfter} on and
 * before {@code publishedBefore}, and lasting {@code minDuration} to {@code maxDuration} seconds, both included. A hit
 * that does not say what a filter judges (no date, no duration) does not pass it; a source whose hits never say it is
 * not asked ({@link #unappliable}).
 */
public record SearchFilters(Instant publishedAfter, Instant publishedBefore, Integer minDuration, Integer maxDuration) {

    static final int MAX_DURATION = 86_400;

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");

    /**
     * The filters of a query; each rule refused names its parameter. A date alone is a whole day in UTC: after it
     * means from its start, before it means up to its end, so {@code published_after=2024-01-01} and
     * {@code published_before=2024-12-31} together are the year 2024.
     */
    static SearchFilters of(QueryParameters parameters) {
        Instant after = instant(parameters, "published_after", false);
        Instant before = instant(parameters, "published_before", true);
        if (after != null && before != null && !before.isAfter(after)) {
            throw new InvalidParameter("published_before", "published_before must be later than published_after");
        }
        String seconds = "seconds; no limit when not given";
        Integer min = SearchRequest.number(parameters, "min_duration", 0, MAX_DURATION, seconds).orElse(null);
        Integer max = SearchRequest.number(parameters, "max_duration", 0, MAX_DURATION, seconds).orElse(null);
        if (min != null && max != null && max < min) {
            throw new InvalidParameter("max_duration", "max_duration must not be less than min_duration");
        }
        return new SearchFilters(after, before, min, max);
    }

    /** The parameters of the filters given that judge what a source's hits never say; empty when it can apply all. */
    List<String> unappliable(Set<Filterable> filterable) {
        List<String> parameters = new ArrayList<>();
        if (!filterable.contains(Filterable.PUBLISHED)) {
            addIfGiven(parameters, "published_after", publishedAfter);
            addIfGiven(parameters, "published_before", publishedBefore);
        }
        if (!filterable.contains(Filterable.DURATION)) {
            addIfGiven(parameters, "min_duration", minDuration);
            addIfGiven(parameters, "max_duration", maxDuration);
        }
        return parameters;
    }

    boolean passes(Hit hit) {
        if (publishedAfter != null || publishedBefore != null) {
            if (hit.published() == null) {
                return false;
            }
            Instant published = Instant.parse(hit.published());
            if (publishedAfter != null && published.isBefore(publishedAfter)
                    || publishedBefore != null && !published.isBefore(publishedBefore)) {
                return false;
            }
        }
        if (minDuration != null || maxDuration != null) {
            Long duration = hit.durationS();
            return duration != null && (minDuration == null || duration >= minDuration)
                    && (maxDuration == null || duration <= maxDuration);
        }
        return true;
    }

    private static void addIfGiven(List<String> parameters, String name, Object bound) {
        if (bound != null) {
            parameters.add(name);
        }
    }

    /**
     * RFC 3339: a full date, or a date-time with seconds and an offset; java.time alone would also take a time without
     * seconds or an offset with seconds. A date that does not exist (2024-02-30) is refused too.
     */
    private static Instant instant(QueryParameters parameters, String name, boolean endOfDay) {
        return parameters.single(name).map(value -> {
            try {
                if (DATE.matcher(value).matches()) {
                    LocalDate day = LocalDate.parse(value);
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                if (DATE_TIME.matcher(value).matches()) {
                    return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
                }
            } catch (DateTimeException e) {
                // Refused below, as any other value that is no RFC 3339 date.
            }
            throw new InvalidParameter(name, name + " must be an RFC 3339 date, 2024-01-31 (a whole day in UTC), or"
                    + " date-time with an offset, 2024-01-31T18:30:00Z");
        }).orElse(null);
    }
}
