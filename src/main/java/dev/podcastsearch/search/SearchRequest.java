package dev.podcastsearch.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.podcastsearch.source.PodcastSource;

/**
 * A validated search: the trimmed query text, the category to keep, whether a partial answer will do (the
 * sources that answered, when others failed) rather than the group's all or nothing, the window of the merged
 * results to answer with ({@code limit} hits from {@code offset} on), the filters every hit must pass, the sources
 * to ask, the order, and whether each hit explains its place.
 */
public record SearchRequest(String text, Category category, boolean partial, int limit, int offset,
        SearchFilters filters, Set<String> sources, Sort sort, boolean explain) {

    /** The reason of a source left out by {@code sources}. */
    public static final String NOT_CHOSEN = "not in sources";

    static final int MAX_QUERY_LENGTH = 200;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 1000;

    private static final String PARTIAL_RULE = "partial must be true or false (false when not given: every source"
            + " must answer, and the first failure fails the search)";
    private static final String EXPLAIN_RULE = "explain must be true or false (false when not given; true adds each"
            + " hit's score and ranks)";

    /** Checks the query parameters, against the ids of the sources there are; each rule refused names its parameter. */
    public static SearchRequest of(QueryParameters parameters, List<String> sourceIds) {
        return new SearchRequest(text(parameters), category(parameters), flag(parameters, "partial", PARTIAL_RULE),
                number(parameters, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT + " when not given").orElse(DEFAULT_LIMIT),
                offset(parameters), SearchFilters.of(parameters), sources(parameters, sourceIds), sort(parameters),
                flag(parameters, "explain", EXPLAIN_RULE));
    }

    /**
     * The page's search: the same rules for every parameter but {@code limit} and {@code partial}: {@code limit} hits a
     * page, and always partial, as a person would rather see some hits than none.
     */
    public static SearchRequest partialOf(QueryParameters parameters, int limit, List<String> sourceIds) {
        return new SearchRequest(text(parameters), category(parameters), true, limit, offset(parameters),
                SearchFilters.of(parameters), sources(parameters, sourceIds), sort(parameters),
                flag(parameters, "explain", EXPLAIN_RULE));
    }

    /** Why {@code source} is not to be asked, if it is not: it was not chosen, or it cannot apply a filter given. */
    public Optional<String> skipReason(PodcastSource source) {
        if (!sources.contains(source.id())) {
            return Optional.of(NOT_CHOSEN);
        }
        List<String> unappliable = filters.unappliable(source.filterable());
        return unappliable.isEmpty() ? Optional.empty() : Optional.of("cannot apply " + String.join(", ", unappliable));
    }

    /**
     * {@code word} spelled in ASCII letters of any case. Not {@code equalsIgnoreCase} alone, which folds Unicode case
     * too and so would take look-alikes such as {@code epısode} (dotless i) or {@code fal\u017Fe} (long s).
     */
    static boolean spells(String text, String word) {
        return text != null && text.chars().allMatch(c -> c < 0x80) && word.equalsIgnoreCase(text);
    }

    /** A whole number in ASCII digits within {@code min..max}; a sign, a fraction or other digits are refused. */
    static Optional<Integer> number(QueryParameters parameters, String name, int min, int max, String whenNotGiven) {
        int maxDigits = String.valueOf(max).length();
        return parameters.single(name).map(value -> {
            // No more digits than max has, so no overflow; leading zeros are fine ("007" is 7).
            String digits = value.replaceFirst("^0+(?=\\d)", "");
            if (!digits.matches("[0-9]{1," + maxDigits + "}") || Integer.parseInt(digits) < min
                    || Integer.parseInt(digits) > max) {
                throw new InvalidParameter(name, name + " must be a whole number from " + min + " to " + max + " ("
                        + whenNotGiven + ")");
            }
            return Integer.parseInt(digits);
        });
    }

    private static int offset(QueryParameters parameters) {
        return number(parameters, "offset", 0, MAX_OFFSET, "0 when not given").orElse(0);
    }

    private static String text(QueryParameters parameters) {
        String text = parameters.single("q").orElse(null);
        if (text == null || text.isBlank()) {
            throw new InvalidParameter("q", "q is required: 1 to " + MAX_QUERY_LENGTH + " characters of search text");
        }
        text = text.strip();
        int length = text.codePointCount(0, text.length());
        if (length > MAX_QUERY_LENGTH) {
            throw new InvalidParameter("q", "q is " + length + " characters long; at most " + MAX_QUERY_LENGTH + " are allowed");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidParameter("q", "q must not contain control characters such as newlines or tabs");
        }
        return text;
    }

    private static Category category(QueryParameters parameters) {
        return parameters.single("category")
                .map(value -> Category.parse(value).orElseThrow(() -> new InvalidParameter("category",
                        "category must be one of " + Category.ALLOWED + " (episode when not given)")))
                .orElse(Category.EPISODE);
    }

    private static Sort sort(QueryParameters parameters) {
        return parameters.single("sort")
                .map(value -> Sort.parse(value).orElseThrow(() -> new InvalidParameter("sort",
                        "sort must be " + Sort.ALLOWED + " (relevance when not given)")))
                .orElse(Sort.RELEVANCE);
    }

    /**
     * The ids of the sources to ask, comma-separated, each given as configured; one given twice is asked once. Empty,
     * or naming no source there is, it is refused: a search of nothing is a mistake.
     */
    private static Set<String> sources(QueryParameters parameters, List<String> sourceIds) {
        return parameters.single("sources").map(value -> {
            List<String> chosen = Arrays.asList(value.split(",", -1));
            if (!sourceIds.containsAll(chosen)) {
                throw new InvalidParameter("sources", "sources must be a comma-separated list of source ids, each one"
                        + " of " + String.join(", ", sourceIds) + " (every source when not given)");
            }
            return Set.copyOf(chosen);
        }).orElse(Set.copyOf(sourceIds));
    }

    private static boolean flag(QueryParameters parameters, String name, String rule) {
        return parameters.single(name).map(value -> {
            if (spells(value, "true")) {
                return true;
            }
            if (spells(value, "false")) {
                return false;
            }
            throw new InvalidParameter(name, rule);
        }).orElse(false);
    }
}
