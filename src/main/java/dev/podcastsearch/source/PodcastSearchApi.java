package dev.podcastsearch.source;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Multi;

/**
 * The search API that Talk Python To Me and Python Bytes both expose. One client is built per
 * configured source, so the interface carries no base URL of its own.
 */
@Path("/api/search")
interface PodcastSearchApi {

    /**
     * The body as it arrives, chunk by chunk, so that it can be counted and cut off; the answer's head has been
     * judged by {@link AnswerHeadFilter} before the first chunk. {@code call} is not sent: it is how the filter
     * finds this request, to note that its answer began and to abort it on cancellation.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Multi<byte[]> search(@RestQuery String q, @NotBody SearchCall call);
}
