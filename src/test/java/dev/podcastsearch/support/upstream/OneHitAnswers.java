package dev.podcastsearch.support.upstream;

/**
 * The smallest answers each search API gives, one hit apiece in that API's own format: Talk Python's under
 * {@code results} with {@code id}, Python Bytes' under {@code episodes} with {@code item_id}. For tests about what
 * happens around an answer (faults, retries, suspension, the group), not about reading one.
 */
public final class OneHitAnswers {

    public static final String TALK_PYTHON = """
            {"keywords": ["rust"], "results": [{"id": 1, "category": "Episode", "url": "/episodes/1", "title": "t", "description": "d"}]}""";
    public static final String PYTHON_BYTES = """
            {"keywords": ["rust"], "episodes": [{"item_id": 2, "category": "Episode", "url": "/episodes/2", "title": "t", "description": "d"}]}""";

    private OneHitAnswers() {
    }
}
