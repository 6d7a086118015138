package dev.podcastsearch.search;

/**
 * A validated search: the trimmed query text, the category to keep, and whether a partial answer will do (the
 * sources that answered, when others failed) rather than the group's all or nothing.
 */
public record SearchRequest(String text, Category category, boolean partial) {

    static final int MAX_QUERY_LENGTH = 200;

    /** Checks the query parameters; each rule refused names its parameter. */
    public static SearchRequest of(QueryParameters parameters) {
        return new SearchRequest(text(parameters), category(parameters), partial(parameters));
    }

    /** The same rules for q and category, always partial: a person would rather see some hits than none. */
    public static SearchRequest partialOf(QueryParameters parameters) {
        return new SearchRequest(text(parameters), category(parameters), true);
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

    private static boolean partial(QueryParameters parameters) {
        return parameters.single("partial").map(value -> {
            // ASCII only: equalsIgnoreCase alone would also take look-alikes such as "fal\u017Fe".
            boolean ascii = value.chars().allMatch(c -> c < 0x80);
            if (ascii && value.equalsIgnoreCase("true")) {
                return true;
            }
            if (ascii && value.equalsIgnoreCase("false")) {
                return false;
            }
            throw new InvalidParameter("partial", "partial must be true or false (false when not given: every source"
                    + " must answer, and the first failure fails the search)");
        }).orElse(false);
    }
}
