package dev.podcastsearch.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.podcastsearch.search.InvalidParameter;
import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.search.UnansweredSearch;
import dev.podcastsearch.source.Hit;

/**
 * What the page shows, worked out before the template sees it, so that the template only prints: the form as typed,
 * a refused field's rule, each source's status in words, the hits. {@code base} is the path every link starts with.
 */
record PageView(String base, PageForm form, List<Choice> categories, String queryError, String categoryError,
        boolean searched, List<SourceLine> sources, List<PageHit> hits, String emptyMessage, Paging paging) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    /** One option of the category list. */
    record Choice(String value, String label, boolean selected) {
    }

    /** How one source did, said to a person; {@code answered} picks the style. */
    record SourceLine(String words, boolean answered) {
    }

    /**
     * One hit; {@code url} is null when the source gave no http(s) link, {@code published} and {@code date} (the
     * machine and the human form) when the source does not say; {@code moment} is null but on a moment's hit.
     */
    record PageHit(String title, String url, String show, String published, String date, String description,
            PageMoment moment) {
    }

    /**
     * Where in the episode: its time as people read it ({@code 12:34}, {@code 1:02:03}; null when unknown), who speaks,
     * the text in pieces, the matched ones marked, and the link that plays it ({@code url}, null unless http(s)).
     */
    record PageMoment(String time, String speaker, List<Piece> pieces, String url) {
    }

    /** A piece of a moment's text, marked where the query matched. */
    record Piece(String text, boolean marked) {
    }

    /** Where this page's hits sit among all of them, and the links to the pages before and after; null for none. */
    record Paging(int first, int last, int total, String previous, String next) {
    }

    static PageView empty(String base, PageForm form) {
        return new PageView(base, form, choices(form), null, null, false, List.of(), List.of(), null, null);
    }

    static PageView refused(String base, PageForm form, InvalidParameter e) {
        String words = inWords(e);
        return new PageView(base, form, choices(form), "category".equals(e.parameter()) ? null : words,
                "category".equals(e.parameter()) ? words : null, false, List.of(), List.of(), null, null);
    }

    static PageView answered(String base, PageForm form, SearchResponse response) {
        Map<String, SearchResponse.SourceSummary> summaries = response.sources().stream()
                .collect(Collectors.toMap(SearchResponse.SourceSummary::id, Function.identity()));
        List<SourceLine> lines = response.sources().stream().map(StatusWords::of).toList();
        List<PageHit> hits = response.results().stream().map(hit -> pageHit(hit, summaries)).toList();
        String empty = hits.isEmpty() ? noMatch(response.category(), response.query(), response.total()) : null;
        return new PageView(base, form, choices(form), null, null, true, lines, hits, empty, paging(base, response));
    }

    /** Said with the problem document's title, so that the page and the API name an unanswered search alike. */
    static PageView unanswered(String base, PageForm form, UnansweredSearch e) {
        List<SourceLine> lines = e.sources().stream().map(StatusWords::of).toList();
        return new PageView(base, form, choices(form), null, null, true, lines, List.of(),
                e.title() + ", so there are no results. Try again in a little while.", null);
    }

    private static PageHit pageHit(Hit hit, Map<String, SearchResponse.SourceSummary> summaries) {
        SearchResponse.SourceSummary source = summaries.get(hit.source());
        String url = httpOrNull(hit.url());
        return new PageHit(hit.title(), url, source == null ? hit.source() : source.name(), published(hit.published()),
                date(hit.published()), hit.description(), hit.moment() == null ? null : moment(hit.moment()));
    }

    private static PageMoment moment(Hit.Moment moment) {
        List<Piece> pieces = new ArrayList<>();
        String text = moment.text();
        int at = 0;
        for (List<Integer> mark : moment.highlights()) {
            if (mark.get(0) > at) {
                pieces.add(new Piece(text.substring(at, mark.get(0)), false));
            }
            pieces.add(new Piece(text.substring(mark.get(0), mark.get(1)), true));
            at = mark.get(1);
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), false));
        }
        return new PageMoment(moment.startS() == null ? null : clock(moment.startS()), moment.speaker(), pieces,
                httpOrNull(moment.url()));
    }

    /** Seconds as a player shows them: {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
    static String clock(double seconds) {
        long whole = (long) seconds;
        long hours = whole / 3600;
        long minutes = whole / 60 % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, whole % 60)
                : String.format(Locale.ROOT, "%d:%02d", minutes, whole % 60);
    }

    /** The unification keeps only http(s) links; checked again here, as this is where a link becomes an href. */
    private static String httpOrNull(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static Paging paging(String base, SearchResponse response) {
        if (response.results().isEmpty()) {
            return null;
        }
        int offset = response.offset();
        int limit = response.limit();
        String previous = offset > 0 ? link(base, response, Math.max(0, offset - limit)) : null;
        String next = offset + limit < response.total() ? link(base, response, offset + limit) : null;
        return new Paging(offset + 1, offset + response.results().size(), response.total(), previous, next);
    }

    /** The same search at another offset; the query percent-encoded here, the HTML escaping left to Qute. */
    private static String link(String base, SearchResponse response, int offset) {
        return base + "?q=" + URLEncoder.encode(response.query(), StandardCharsets.UTF_8) + "&category="
                + response.category() + (offset == 0 ? "" : "&offset=" + offset);
    }

    private static String published(String published) {
        return date(published) == null ? null : published;
    }

    /** The day in UTC, as people write it ("8 March 2024"); null when the source gave none or nothing readable. */
    private static String date(String published) {
        if (published == null) {
            return null;
        }
        try {
            return DAY.format(OffsetDateTime.parse(published).atZoneSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String noMatch(String category, String query, int total) {
        if (total > 0) {
            return "No more results: all " + total + " are on the pages before.";
        }
        String what = switch (category) {
            case "transcript" -> "No transcripts match";
            case "chapter" -> "No chapters match";
            case "all" -> "Nothing matches";
            default -> "No episodes match";
        };
        return what + " \u201C" + query + "\u201D.";
    }

    private static List<Choice> choices(PageForm form) {
        return PageForm.CATEGORIES.stream()
                .map(value -> new Choice(value, switch (value) {
                    case "transcript" -> "Transcripts";
                    case "chapter" -> "Chapters";
                    case "all" -> "Episodes, transcripts and chapters";
                    default -> "Episodes";
                }, value.equalsIgnoreCase(form.category())))
                .toList();
    }

    /** The API's rule, with the parameter named as the form names it. */
    private static String inWords(InvalidParameter e) {
        String message = e.getMessage();
        if (message.startsWith(e.parameter() + " ")) {
            String label = "q".equals(e.parameter()) ? "The search text" : "The " + e.parameter();
            message = label + message.substring(e.parameter().length());
        }
        return message.endsWith(".") || message.endsWith(")") ? message : message + ".";
    }
}
