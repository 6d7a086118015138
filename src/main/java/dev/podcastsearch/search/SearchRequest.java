package dev.podcastsearch.search;

import java.util.List;

/**
 * A validated search: the trimmed query text, the category to keep, and whether a partial answer will do (the
 * sources that answered, when others failed) rather than the group's all or nothing.
 */
public record SearchRequest(String text, Category category, boolean partial) {

    static final int MAX_QUERY_LENGTH = 200;
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    /** Checks the raw query parameters; each list holds every value the parameter was given. */
    static SearchRequest of(List<String> q, List<String> category, List<String> partial) {
        return new SearchRequest(text(q), category(category), partial(partial));
    }

    private static String text(List<String> values) {
        String text = single("q", values);
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
        // Percent-encoded bytes that are not UTF-8 arrive decoded as U+FFFD; searching for that finds nothing.
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            throw new InvalidParameter("q", "q must be percent-encoded UTF-8; it contains bytes that are not UTF-8");
        }
        return text;
    }

    private static Category category(List<String> values) {
        String value = single("category", values);
        if (value == null) {
            return Category.EPISODE;
        }
        return Category.parse(value).orElseThrow(() -> new InvalidParameter("category",
                "category must be one of " + Category.ALLOWED + " (episode when not given)"));
    }

    private static boolean partial(List<String> values) {
        String value = single("partial", values);
        // ASCII only: equalsIgnoreCase alone would also take look-alikes such as "fal\u017Fe".
        boolean ascii = value == null || value.chars().allMatch(c -> c < 0x80);
        if (value == null || ascii && value.equalsIgnoreCase("false")) {
            return false;
        }
        if (ascii && value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidParameter("partial", "partial must be true or false (false when not given: every source must"
                + " answer, and the first failure fails the search)");
    }

    private static String single(String parameter, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidParameter(parameter, parameter + " must be given once, not " + values.size() + " times");
        }
        return values.get(0);
    }
}
