package dev.podcastsearch.page;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.search.InvalidParameter;
import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.source.Hit;

/**
 * What the page shows, worked out before the template sees it, so that the template only prints: the form as typed,
 * a refused field's rule, each source's status in words, the hits. {@code base} is the path every link starts with.
 */
record PageView(String base, PageForm form, List<Choice> categories, String queryError, String categoryError,
        boolean searched, List<SourceLine> sources, List<PageHit> hits, String emptyMessage) {

    /** One option of the category list. */
    record Choice(String value, String label, boolean selected) {
    }

    /** How one source did, said to a person; {@code answered} picks the style. */
    record SourceLine(String words, boolean answered) {
    }

    /** One hit; {@code url} is null when the source gave no http(s) link. */
    record PageHit(String title, String url, String show, String description) {
    }

    static PageView empty(String base, PageForm form) {
        return new PageView(base, form, choices(form), null, null, false, List.of(), List.of(), null);
    }

    static PageView refused(String base, PageForm form, InvalidParameter e) {
        String words = inWords(e);
        return new PageView(base, form, choices(form), "category".equals(e.parameter()) ? null : words,
                "category".equals(e.parameter()) ? words : null, false, List.of(), List.of(), null);
    }

    static PageView answered(String base, PageForm form, SearchResponse response, List<SourceOutcome> outcomes) {
        Map<String, SearchResponse.SourceSummary> summaries = response.sources().stream()
                .collect(Collectors.toMap(SearchResponse.SourceSummary::id, Function.identity()));
        List<SourceLine> lines = outcomes.stream()
                .map(outcome -> StatusWords.of(outcome, summaries.get(outcome.source().id()).resultCount())).toList();
        List<PageHit> hits = response.results().stream().map(hit -> pageHit(hit, summaries)).toList();
        String empty = hits.isEmpty() ? noMatch(response.category(), response.query()) : null;
        return new PageView(base, form, choices(form), null, null, true, lines, hits, empty);
    }

    static PageView unanswered(String base, PageForm form, List<SourceOutcome> outcomes) {
        List<SourceLine> lines = outcomes.stream().map(outcome -> StatusWords.of(outcome, null)).toList();
        return new PageView(base, form, choices(form), null, null, true, lines, List.of(),
                "No source answered, so there are no results. Try again in a little while.");
    }

    private static PageHit pageHit(Hit hit, Map<String, SearchResponse.SourceSummary> summaries) {
        SearchResponse.SourceSummary source = summaries.get(hit.source());
        // The unification keeps only http(s) links; checked again here, as this is where a link becomes an href.
        String url = hit.url() != null && (hit.url().startsWith("https://") || hit.url().startsWith("http://"))
                ? hit.url()
                : null;
        return new PageHit(hit.title(), url, source == null ? hit.source() : source.name(), hit.description());
    }

    private static String noMatch(String category, String query) {
        String what = switch (category) {
            case "transcript" -> "No transcripts match";
            case "all" -> "Nothing matches";
            default -> "No episodes match";
        };
        return what + " \u201C" + query + "\u201D.";
    }

    private static List<Choice> choices(PageForm form) {
        return PageForm.CATEGORIES.stream()
                .map(value -> new Choice(value, switch (value) {
                    case "transcript" -> "Transcripts";
                    case "all" -> "Episodes and transcripts";
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
