package dev.podcastsearch.page;

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

import dev.podcastsearch.index.Highlight;
import dev.podcastsearch.search.InvalidParameter;
import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.search.UnansweredSearch;
import dev.podcastsearch.source.Hit;

/**
 * What the page shows, worked out before the template sees it, so that the template only prints: the form as typed,
 * a refused field's rule, each source's status in words, the hits. {@code base} is the path every link starts with;
 * {@code shows} are the sources the form offers and the empty page names.
 */
record PageView(String base, PageForm form, List<Choice> categories, List<Choice> shows, List<Choice> lengths,
        List<Choice> orders, Refusal refusal, boolean searched, List<SourceLine> sources, List<PageHit> hits,
        String emptyMessage, Paging paging, String feed) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    /** One option of a list; {@code value} empty for "any". */
    record Choice(String value, String label, boolean selected) {
    }

    /** A configured source, as the form lists it. */
    record Show(String id, String name) {
    }

    /** The field a rule refused, and the rule in words. */
    record Refusal(String field, String words) {
    }

    /** How one source did, said to a person; {@code answered} picks the style. */
    record SourceLine(String words, boolean answered) {
    }

    /** A run of text, {@code marked} where the query matched. */
    record Piece(String text, boolean marked) {
    }

    /**
     * One hit; {@code url}, {@code audio} and {@code image} are null unless they are links the page may use (http(s),
     * and for what the browser loads itself, https only, as the page's Content-Security-Policy allows); {@code
     * published} and {@code date} (the machine and the human form) and {@code duration} are null when the source
     * does not say; {@code moment} is null but on a moment's hit.
     */
    record PageHit(List<Piece> title, String url, String show, String published, String date, String duration,
            List<Piece> description, String audio, String audioType, String image, PageMoment moment) {
    }

    /**
     * Where in the episode: its time as people read it ({@code 12:34}, {@code 1:02:03}; null when unknown), who speaks,
     * the text in pieces, the matched ones marked, and the link that plays it ({@code url}, null unless http(s)).
     */
    record PageMoment(String time, String speaker, List<Piece> pieces, String url) {
    }

    /** Where this page's hits sit among all of them, and the links to the pages before and after; null for none. */
    record Paging(int first, int last, int total, String previous, String next) {
    }

    static PageView empty(String base, PageForm form, List<Show> shows) {
        return view(base, form, shows, null, false, List.of(), List.of(), null, null);
    }

    static PageView refused(String base, PageForm form, List<Show> shows, InvalidParameter e) {
        return view(base, form, shows, new Refusal(e.parameter(), inWords(e)), false, List.of(), List.of(), null, null);
    }

    static PageView answered(String base, PageForm form, List<Show> shows, SearchResponse response) {
        Map<String, SearchResponse.SourceSummary> summaries = response.sources().stream()
                .collect(Collectors.toMap(SearchResponse.SourceSummary::id, Function.identity()));
        List<SourceLine> lines = response.sources().stream().map(StatusWords::of).toList();
        List<PageHit> hits = response.results().stream().map(hit -> pageHit(hit, summaries)).toList();
        String empty = hits.isEmpty() ? noMatch(response.category(), response.query(), response.total()) : null;
        return view(base, form, shows, null, true, lines, hits, empty, paging(base, form, response));
    }

    /** Said with the problem document's title, so that the page and the API name an unanswered search alike. */
    static PageView unanswered(String base, PageForm form, List<Show> shows, UnansweredSearch e) {
        List<SourceLine> lines = e.sources().stream().map(StatusWords::of).toList();
        return view(base, form, shows, null, true, lines, List.of(),
                e.title() + ", so there are no results. Try again in a little while.", null);
    }

    private static PageView view(String base, PageForm form, List<Show> shows, Refusal refusal, boolean searched,
            List<SourceLine> lines, List<PageHit> hits, String empty, Paging paging) {
        List<Choice> showChoices = new ArrayList<>();
        showChoices.add(new Choice("", "All shows", form.filter("sources").isEmpty()));
        shows.forEach(show -> showChoices.add(new Choice(show.id(), show.name(), show.id().equals(form.filter("sources")))));
        String feed = searched ? base + "search.rss?" + form.queryString(form.query(), form.category(), 0) : null;
        return new PageView(base, form, categories(form), showChoices, lengths(form), orders(form), refusal, searched,
                lines, hits, empty, paging, feed);
    }

    /** The rule refused for {@code field}, or null: the template asks per field. */
    public String errorFor(String field) {
        return refusal != null && refusal.field().equals(field) ? refusal.words() : null;
    }

    /** The names of the shows searched, as a sentence's list ("A, B and C"). */
    public String showNames() {
        List<String> names = shows.stream().skip(1).map(Choice::label).toList();
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static PageHit pageHit(Hit hit, Map<String, SearchResponse.SourceSummary> summaries) {
        SearchResponse.SourceSummary source = summaries.get(hit.source());
        return new PageHit(marked(hit, "title", hit.title()), web(hit.url()), source == null ? hit.source() : source.name(),
                published(hit.published()), date(hit.published()), duration(hit.durationS()),
                marked(hit, "description", hit.description()), secure(hit.audioUrl()),
                secure(hit.audioUrl()) == null ? null : hit.audioType(), secure(hit.image()),
                hit.moment() == null ? null : moment(hit.moment()));
    }

    private static PageMoment moment(Hit.Moment moment) {
        return new PageMoment(moment.startS() == null ? null : clock(moment.startS()), moment.speaker(),
                pieces(moment.text(), moment.highlights()), web(moment.url()));
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
    private static String web(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    /** What the browser fetches by itself (audio, artwork) only over https, as the Content-Security-Policy allows. */
    private static String secure(String url) {
        return url != null && url.startsWith("https://") ? url : null;
    }

    /**
     * A field's text in runs, marked where its highlight says the query matched; the highlight's text where there is
     * one (for a description, the passage that matched), otherwise the field as it is. Empty for no text.
     */
    static List<Piece> marked(Hit hit, String field, String text) {
        Highlight highlight = hit.highlights() == null ? null
                : hit.highlights().stream().filter(h -> h.field().equals(field)).findFirst().orElse(null);
        if (highlight == null) {
            return text == null || text.isEmpty() ? List.of() : List.of(new Piece(text, false));
        }
        return pieces(highlight.text(), highlight.marks());
    }

    /** Text in runs, marked by {@code [start, end)} ranges in UTF-16 code units; ranges out of order or bounds skipped. */
    private static List<Piece> pieces(String text, List<List<Integer>> marks) {
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        for (List<Integer> mark : marks) {
            int start = Math.max(at, mark.get(0));
            int end = Math.min(text.length(), mark.get(1));
            if (start >= end) {
                continue;
            }
            if (start > at) {
                pieces.add(new Piece(text.substring(at, start), false));
            }
            pieces.add(new Piece(text.substring(start, end), true));
            at = end;
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), false));
        }
        return pieces;
    }

    /** As people say it: "45 s", "42 min", "1 h 05 min". */
    static String duration(Long seconds) {
        if (seconds == null) {
            return null;
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = (seconds + 30) / 60;
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min";
    }

    private static Paging paging(String base, PageForm form, SearchResponse response) {
        if (response.results().isEmpty()) {
            return null;
        }
        int offset = response.offset();
        int limit = response.limit();
        String previous = offset > 0 ? link(base, form, response, Math.max(0, offset - limit)) : null;
        String next = offset + limit < response.total() ? link(base, form, response, offset + limit) : null;
        return new Paging(offset + 1, offset + response.results().size(), response.total(), previous, next);
    }

    /** The same search, filters and all, at another offset. */
    private static String link(String base, PageForm form, SearchResponse response, int offset) {
        return base + "?" + form.queryString(response.query(), response.category(), offset);
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

    private static List<Choice> categories(PageForm form) {
        return PageForm.CATEGORIES.stream()
                .map(value -> new Choice(value, switch (value) {
                    case "transcript" -> "Transcripts";
                    case "chapter" -> "Chapters";
                    case "all" -> "Episodes, transcripts and chapters";
                    default -> "Episodes";
                }, value.equalsIgnoreCase(form.category())))
                .toList();
    }

    /** The longest an episode may be: the API's max_duration in seconds. */
    private static List<Choice> lengths(PageForm form) {
        String given = form.filter("max_duration");
        return List.of(new Choice("", "Any length", given.isEmpty()),
                new Choice("900", "Up to 15 min", given.equals("900")),
                new Choice("1800", "Up to 30 min", given.equals("1800")),
                new Choice("3600", "Up to 1 hour", given.equals("3600")),
                new Choice("5400", "Up to 1 h 30 min", given.equals("5400")));
    }

    private static List<Choice> orders(PageForm form) {
        String given = form.filter("sort");
        return List.of(new Choice("relevance", "Best match", !given.equals("newest")),
                new Choice("newest", "Newest first", given.equals("newest")));
    }

    /** The API's rule, with the parameter named as the form names it. */
    private static String inWords(InvalidParameter e) {
        String message = e.getMessage();
        if (message.startsWith(e.parameter() + " ")) {
            String label = "q".equals(e.parameter()) ? "The search text" : "The " + e.parameter().replace('_', ' ');
            message = label + message.substring(e.parameter().length());
        }
        return message.endsWith(".") || message.endsWith(")") ? message : message + ".";
    }
}
