package dev.podcastsearch.search;

/**
 * A validated search: the trimmed query text, the category to keep, whether a partial answer will do (the
 * sources that answered, when others failed) rather than the group's all or nothing, and the window of the merged
 * results to answer with ({@code limit} hits from {@code offset} on).
 */
public record SearchRequest(String text, Category category, boolean partial, int limit, int offset) {

    static final int MAX_QUERY_LENGTH = 200;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 1000;

    /** Checks the query parameters; each rule refused names its parameter. */
    public static SearchRequest of(QueryParameters parameters) {
        return new SearchRequest(text(parameters), category(parameters), partial(parameters),
                number(parameters, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT), number(parameters, "offset", 0, MAX_OFFSET, 0));
    }

    /** A whole number in ASCII digits within {@code min..max}; a sign, a fraction or other digits are refused. */
    private static int number(QueryParameters parameters, String name, int min, int max, int otherwise) {
        return parameters.single(name).map(value -> {
            // At most 4 digits, so no overflow; leading zeros are fine ("007" is 7).
            String digits = value.replaceFirst("^0+(?=\\d)", "");
            if (!digits.matches("[0-9]{1,4}") || Integer.parseInt(digits) < min || Integer.parseInt(digits) > max) {
                throw new InvalidParameter(name, name + " must be a whole number from " + min + " to " + max + " ("
                        + otherwise + " when not given)");
            }
            return Integer.parseInt(digits);
        }).orElse(otherwise);
    }

    /**
     * The page's search: the same rules for q, category and offset, {@code limit} hits a page, and always partial, as a
     * person would rather see some hits than none.
     */
    public static SearchRequest partialOf(QueryParameters parameters, int limit) {
        return new SearchRequest(text(parameters), category(parameters), true, limit,
                number(parameters, "offset", 0, MAX_OFFSET, 0));
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
