package dev.podcastsearch.search;

/** The OpenAPI document's examples: real answers of the function, shortened. The contract tests check their shape. */
final class ApiExamples {

    private ApiExamples() {
    }

    static final String ANSWER = """
            {"query": "pydantic", "category": "episode", "keywords": ["pydantic"], "elapsed_ms": 41, "complete": true,
             "total": 2, "limit": 50, "offset": 0,
             "sources": [
               {"id": "pythonbytes", "name": "Python Bytes", "elapsed_ms": 38, "result_count": 1, "status": "ok"},
               {"id": "talkpython", "name": "Talk Python To Me", "elapsed_ms": 35, "result_count": 1, "status": "ok"}],
             "results": [
               {"source": "pythonbytes", "id": 323, "category": "episode", "title": "#323: AI search wars have begun",
                "url": "https://pythonbytes.fm/episodes/show/323/ai-search-wars-have-begun",
                "description": "Pydantic 2.0 is out.", "published": null,
                "audio_url": null, "audio_type": null, "duration_s": null, "image": null, "episode": null,
                "season": null, "episode_type": null, "transcript_url": null, "chapters_url": null, "persons": null,
                "also_in": []},
               {"source": "talkpython", "id": 376, "category": "episode", "title": "Pydantic v2 - The Plan",
                "url": "https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan",
                "description": "Samuel Colvin shares the plan for Pydantic v2.", "published": null,
                "audio_url": null, "audio_type": null, "duration_s": null, "image": null, "episode": null,
                "season": null, "episode_type": null, "transcript_url": null, "chapters_url": null, "persons": null,
                "also_in": []}]}""";

    static final String INVALID_PARAMETER = """
            {"type": "urn:podcast-search:problem:invalid-parameter", "title": "Invalid request parameter",
             "status": 400, "detail": "q is required: 1 to 200 characters of search text", "parameter": "q"}""";

    static final String NOT_FOUND = """
            {"type": "urn:podcast-search:problem:http-404", "title": "Not Found", "status": 404,
             "detail": "Nothing is here. The search is GET /search?q=<text>."}""";

    static final String METHOD_NOT_ALLOWED = """
            {"type": "urn:podcast-search:problem:http-405", "title": "Method Not Allowed", "status": 405,
             "detail": "Only GET, HEAD, OPTIONS are allowed here. The search is GET /search?q=<text>."}""";

    static final String NOT_ACCEPTABLE = """
            {"type": "urn:podcast-search:problem:http-406", "title": "Not Acceptable", "status": 406,
             "detail": "The search answers application/json only (problems as application/problem+json)."}""";

    static final String SOURCE_FAILURE = """
            {"type": "urn:podcast-search:problem:source-failure", "title": "A podcast source failed", "status": 502,
             "detail": "Source 'talkpython' failed: answered HTTP 500. The search was stopped and the other sources cancelled.",
             "source": "talkpython", "reason": "answered HTTP 500",
             "sources": [
               {"id": "pythonbytes", "name": "Python Bytes", "elapsed_ms": 12, "status": "cancelled",
                "reason": "cancelled: another source failed"},
               {"id": "talkpython", "name": "Talk Python To Me", "elapsed_ms": 9, "status": "failed",
                "reason": "answered HTTP 500"}]}""";

    static final String SOURCE_SUSPENDED = """
            {"type": "urn:podcast-search:problem:source-suspended", "title": "A podcast source is suspended",
             "status": 503,
             "detail": "Source 'talkpython' is suspended, so no source was called. Ask again in 27 s, or search with partial=true for the other sources' hits.",
             "source": "talkpython", "reason": "suspended after repeated failures",
             "sources": [
               {"id": "pythonbytes", "name": "Python Bytes", "elapsed_ms": 0, "status": "cancelled",
                "reason": "not called: another source is suspended"},
               {"id": "talkpython", "name": "Talk Python To Me", "elapsed_ms": 0, "status": "suspended",
                "reason": "suspended after repeated failures"}]}""";

    static final String TIMEOUT = """
            {"type": "urn:podcast-search:problem:timeout", "title": "The search took too long", "status": 504,
             "detail": "No complete answer within 5000 ms; still waiting for talkpython, which were cancelled.",
             "pending_sources": ["talkpython"],
             "sources": [
               {"id": "pythonbytes", "name": "Python Bytes", "elapsed_ms": 40, "status": "ok"},
               {"id": "talkpython", "name": "Talk Python To Me", "elapsed_ms": 5000, "status": "timed_out",
                "reason": "no answer within 5000 ms"}]}""";
}
