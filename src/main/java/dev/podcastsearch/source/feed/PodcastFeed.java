package dev.podcastsearch.source.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.jboss.resteasy.reactive.RestResponse;

import dev.podcastsearch.source.SearchCall;
import io.quarkus.rest.client.reactive.NotBody;
import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

/**
 * A podcast's RSS feed. One client is built per feed source; {@code url} is the feed's address, or where it
 * redirected to, so the interface carries no path of its own.
 */
interface PodcastFeed {

    /**
     * The feed, read into memory only up to {@code search.feeds.max-size}; a 304 (the copy is still current) or a
     * redirect comes back with its headers and no body. Null validators are not sent. {@code call} is not sent: see
     * {@link SearchCall}.
     */
    @GET
    @ClientHeaderParam(name = "Accept", value = "application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
    Uni<RestResponse<byte[]>> fetch(@Url String url, @HeaderParam("If-None-Match") String etag,
            @HeaderParam("If-Modified-Since") String lastModified, @NotBody SearchCall call);
}
