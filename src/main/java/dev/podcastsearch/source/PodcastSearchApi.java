package dev.podcastsearch.source;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/**
 * The search API that Talk Python To Me and Python Bytes both expose. One client is built per
 * configured source, so the interface carries no base URL of its own.
 */
@Path("/api/search")
interface PodcastSearchApi {

    /** A raw {@link Response}, so that any status other than 200 is judged by {@link PodcastSource}, not guessed at by the client. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> search(@RestQuery String q);
}
