package dev.podcastsearch.page;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.podcastsearch.search.InvalidParameter;
import dev.podcastsearch.search.QueryParameters;
import dev.podcastsearch.search.SearchReport;
import dev.podcastsearch.search.SearchRequest;
import dev.podcastsearch.search.SearchService;
import dev.podcastsearch.search.UnansweredSearch;
import dev.podcastsearch.source.Sources;

/**
 * The search page: the same search as {@code GET /search}, in partial mode, rendered as HTML for people. It has no
 * search logic of its own; it reads the query as the API does, and turns the answer, or what went wrong, into a
 * {@link PageView}. Qute escapes every value it prints (the template has an {@code .html} suffix and never asks for
 * raw output), so no text from a source can become markup.
 */
@Path("/")
public class SearchPage {

    /**
     * No script at all, styles only from this function, nothing may frame the page, and forms post back only here.
     * Links to episodes leave without telling the podcast site what was searched for; artwork (img-src) and audio
     * (media-src) load from any https address, as podcasts host them anywhere. connect-src 'self' lets tools
     * that judge the page from inside it (Lighthouse's SEO audit) read /robots.txt; with no script, nothing else can.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:"
            + " https:; media-src https:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String REFERRER_POLICY = "no-referrer";
    /** Hits a page: enough to scan on a phone without scrolling for long. */
    static final int PAGE_SIZE = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(PageView view);
    }

    private final SearchService searchService;
    private final List<PageView.Show> shows;

    SearchPage(SearchService searchService, Sources sources) {
        this.searchService = searchService;
        this.shows = sources.all().stream().map(source -> new PageView.Show(source.id(), source.name())).toList();
    }

    /** The page's own route, not the API's: left out of the OpenAPI document. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<RestResponse<String>> page(@Context HttpServerRequest http, @Context UriInfo uri,
            @Context RoutingContext routing) {
        // The base path keeps the stage or base-path prefix that the Lambda front passed on as X-Forwarded-Prefix.
        String base = uri.getBaseUri().getRawPath();
        QueryParameters parameters = QueryParameters.parse(http.query());
        PageForm form = PageForm.of(parameters);
        if (!form.submitted()) {
            return Uni.createFrom().item(answer(200, PageView.empty(base, form, shows), true));
        }
        SearchRequest request;
        try {
            request = SearchRequest.partialOf(parameters.withoutEmptyValues(), PAGE_SIZE, searchService.sourceIds());
        } catch (InvalidParameter e) {
            return Uni.createFrom().item(answer(400, PageView.refused(base, form, shows, e), true));
        }
        return searchService.search(request)
                .map(response -> {
                    SearchReport.keep(routing, response);
                    return answer(200, PageView.answered(base, form, shows, response), response.complete());
                })
                .onFailure(UnansweredSearch.class).recoverWithItem(e -> {
                    UnansweredSearch unanswered = (UnansweredSearch) e;
                    SearchReport.keep(routing, unanswered::sources);
                    return answer(unanswered.status(), PageView.unanswered(base, form, shows, unanswered), false);
                });
    }

    /**
     * Rendered here, at once: every value the template prints is already in the view, so rendering never waits.
     * Returned as a {@code TemplateInstance}, the page was rendered after the resource by Quarkus's template filter,
     * which suspends and resumes the request around an asynchronous render.
     */
    private static RestResponse<String> answer(int status, PageView view, boolean cacheable) {
        return RestResponse.ResponseBuilder.<String> create(status).entity(Templates.page(view).render())
                .type(MediaType.TEXT_HTML + ";charset=UTF-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", REFERRER_POLICY)
                .header("X-Frame-Options", "DENY")
                .header(HttpHeaders.CACHE_CONTROL, cacheable ? "max-age=60" : "no-store")
                .build();
    }
}
