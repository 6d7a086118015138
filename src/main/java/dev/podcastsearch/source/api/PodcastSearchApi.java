package dev.podcastsearch.source.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import dev.podcastsearch.source.SearchCall;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Uni;

/**
 * The search API that Talk Python To Me and Python Bytes both expose. One client is built per
 * configured source, so the interface carries no base URL of its own.
 */
@Path("/api/search")
interface PodcastSearchApi {

    /**
     * The whole body, read into memory only up to the size limit (see {@link dev.podcastsearch.source.SourceClients}),
     * then judged with the answer's head by {@link dev.podcastsearch.source.AnswerHeadFilter}. Not a streamed
     * {@code Multi}: the REST client closes a streamed
     * answer's connection once it has ended, after Vert.x has already pooled it again, so no connection could be
     * reused. {@code call} is not sent: it is how the filter finds this request, to note that its answer began
     * and to abort it on cancellation.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<byte[]> search(@RestQuery String q, @NotBody SearchCall call);
}
