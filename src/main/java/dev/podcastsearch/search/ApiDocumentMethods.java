package dev.podcastsearch.search;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What the OpenAPI document needs beyond SearchResource's annotations. Quarkus REST answers HEAD and OPTIONS for every
 * GET route by itself, with no resource method to annotate, so each GET gets a HEAD twin (its parameters and
 * statuses, without bodies) and an OPTIONS entry; every operation gets the API's one tag; and the document says
 * outright that no operation needs credentials (an empty {@code security}). The feed of a search ({@value #FEED}) reads
 * its parameters with the search's own {@link SearchRequest}, so it gets the search's parameters here, whatever they
 * become. Runs once, when the document is built.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentMethods implements OASFilter {

    static final String TAG = "search";
    static final String SEARCH = "/search";
    static final String FEED = "/search.rss";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        document.addTag(OASFactory.createTag().name(TAG).description("Search several podcasts at once"));
        document.setSecurity(List.of());
        document.getPaths().getPathItem(FEED).getGET()
                .setParameters(document.getPaths().getPathItem(SEARCH).getGET().getParameters());
        for (PathItem path : document.getPaths().getPathItems().values()) {
            Operation get = path.getGET();
            if (get != null) {
                path.setHEAD(head(get));
                path.setOPTIONS(options(get));
            }
            path.getOperations().values().forEach(operation -> operation.setTags(List.of(TAG)));
        }
    }

    private static Operation head(Operation get) {
        APIResponses responses = OASFactory.createAPIResponses();
        for (Map.Entry<String, APIResponse> answer : get.getResponses().getAPIResponses().entrySet()) {
            // HEAD is allowed wherever GET is, so the 405 never answers it.
            if (!answer.getKey().equals("405")) {
                responses.addAPIResponse(answer.getKey(), OASFactory.createAPIResponse()
                        .description(answer.getValue().getDescription())
                        .headers(answer.getValue().getHeaders()));
            }
        }
        return OASFactory.createOperation()
                .operationId(get.getOperationId() + "Head")
                .summary(get.getSummary() + ", headers only")
                .description("GET without the body: the same parameters, the same work, the same status and headers.")
                .parameters(get.getParameters())
                .responses(responses);
    }

    private static Operation options(Operation get) {
        return OASFactory.createOperation()
                .operationId(get.getOperationId() + "Options")
                .summary("The methods this path allows")
                .description("Answered without running anything. (CORS preflights are API Gateway's in production.)")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("The methods, in Allow; no body.")
                        .addHeader("Allow", OASFactory.createHeader()
                                .description("GET, HEAD, OPTIONS")
                                .schema(OASFactory.createSchema().addType(SchemaType.STRING)))));
    }
}
