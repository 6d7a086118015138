package floor;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The floor's one resource: the benchmark's searches reach it, and it answers the same document every time. */
@Path("/search")
public class FloorResource {

    public record Hit(String source, String title, String url) {
    }

    public record Answer(String query, boolean complete, List<Hit> hits) {
    }

    private static final Answer ANSWER = new Answer("pydantic", true, List.of(
            new Hit("talkpython", "Pydantic v2", "https://talkpython.fm/episodes/show/376"),
            new Hit("pythonbytes", "Pydantic 2.0 is out", "https://pythonbytes.fm/episodes/show/342")));

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Answer search() {
        return ANSWER;
    }
}
