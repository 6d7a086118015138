package dev.podcastsearch.support.input;

import java.util.List;

/**
 * Request targets as a caller types them (curl sends them as UTF-8 bytes, a browser's address bar leaves
 * {@code | ^ { } [ ] \} and the backtick raw), each with the one answer it gets in dev mode and on Lambda alike
 * (issue 27): the tests of both faces send these same rows.
 */
public final class CallerTargets {

    /**
     * @param target the path and query as typed
     * @param status the status both faces answer
     * @param query for a 200, the text that is searched and that every source receives
     * @param kind for a problem, the last part of its type
     */
    public record Row(String target, int status, String query, String kind) {

        public String path() {
            int question = target.indexOf('?');
            return question < 0 ? target : target.substring(0, question);
        }

        public String rawQuery() {
            int question = target.indexOf('?');
            return question < 0 ? "" : target.substring(question + 1);
        }

        /** Java-escaped, so that a failing row reads the same in any console. */
        @Override
        public String toString() {
            StringBuilder escaped = new StringBuilder();
            target.chars().forEach(c -> escaped.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
            return escaped + " -> " + status + (query != null ? " searching " + query : " " + kind);
        }
    }

    private CallerTargets() {
    }

    public static List<Row> rows() {
        return List.of(
                search("/search?q=caf\u00e9", "caf\u00e9"),
                search("/search?q=a|b", "a|b"),
                search("/search?q=[pydantic]", "[pydantic]"),
                search("/search?q=a^b", "a^b"),
                search("/search?q=a&x[]=1", "a"),
                search("/search?q={a}\\b`c", "{a}\\b`c"),
                problem("/search?q=a\u0001b", 400, "invalid-request"),
                problem("/search?q=%zz", 400, "invalid-request"),
                problem("/search?q=%FF", 400, "invalid-parameter"),
                problem("/search/?q=a", 404, "http-404"),
                problem("/search//?q=a", 404, "http-404"),
                problem("/openapi/", 404, "http-404"));
    }

    private static Row search(String target, String query) {
        return new Row(target, 200, query, null);
    }

    private static Row problem(String target, int status, String kind) {
        return new Row(target, status, null, kind);
    }
}
