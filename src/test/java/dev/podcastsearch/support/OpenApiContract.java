package dev.podcastsearch.support;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.RestAssured;

/**
 * Holds REST Assured's exchanges to the OpenAPI document the running function serves at /openapi: a field the code
 * answers that the document does not name, one it names that the code leaves out, a wrong type, a status it does not
 * list, fails the test. Install with {@link #install(boolean)} before each test and {@link #uninstall()} after it.
 */
public final class OpenApiContract {

    private static volatile String document;

    private OpenApiContract() {
    }

    /**
     * {@code requests}: whether the test's requests are checked too; off for tests that send what the document
     * forbids on purpose (then only the answers are checked, which the document lists for refused input too).
     */
    public static void install(boolean requests) {
        LevelResolver.Builder levels = LevelResolver.create()
                // The document says what a client should send; a test of refused input sends something else.
                .withLevel("validation.request", requests ? ValidationReport.Level.ERROR : ValidationReport.Level.IGNORE)
                // Its examples are hand-written answers: checked by this validator as schemas are, not ignored.
                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                .withLevel("validation.schema.required", ValidationReport.Level.ERROR)
                .withLevel("validation.response.body.missing", ValidationReport.Level.ERROR);
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(document())
                .withLevelResolver(levels.build())
                .build();
        RestAssured.replaceFiltersWith(new OpenApiValidationFilter(validator));
    }

    public static void uninstall() {
        RestAssured.replaceFiltersWith(java.util.List.of());
    }

    /** The document as the function serves it, in JSON. */
    public static String document() {
        if (document == null) {
            document = given().queryParam("format", "json").when().get("/openapi")
                    .then().statusCode(200).extract().asString();
        }
        return document;
    }
}
