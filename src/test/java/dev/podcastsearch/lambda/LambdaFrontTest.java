package dev.podcastsearch.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/** What the front hands on to Quarkus, without any Lambda around it. */
class LambdaFrontTest {

    @Test
    void stageNameIsTakenOffThePathAndPassedOnAsForwardedPrefix() {
        APIGatewayV2HTTPEvent event = search("/prod/search", "prod");

        LambdaFront.takeOffPrefix(event, Optional.empty());

        assertThat(event.getRawPath()).isEqualTo("/search");
        assertThat(event.getHeaders()).containsEntry("x-forwarded-prefix", "/prod").containsEntry("user-agent", "curl/8.5.0");
    }

    @Test
    void stageNameCountsOnlyAsAWholeSegment() {
        APIGatewayV2HTTPEvent event = search("/production/search", "prod");

        LambdaFront.takeOffPrefix(event, Optional.empty());

        assertThat(event.getRawPath()).isEqualTo("/production/search");
        assertThat(event.getHeaders()).doesNotContainKey("x-forwarded-prefix");
    }

    @Test
    void configuredBasePathIsTakenOff() {
        APIGatewayV2HTTPEvent event = search("/podcasts/search", "$default");

        LambdaFront.takeOffPrefix(event, LambdaFront.basePath(Optional.of("podcasts/")));

        assertThat(event.getRawPath()).isEqualTo("/search");
        assertThat(event.getHeaders()).containsEntry("x-forwarded-prefix", "/podcasts");
    }

    @Test
    void basePathThatIsNoPathIsRefusedAtStart() {
        assertThatThrownBy(() -> LambdaFront.basePath(Optional.of("/a b"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(LambdaFront.basePath(Optional.of(" / "))).isEmpty();
    }

    @Test
    void callersOwnForwardedPrefixIsDropped() {
        APIGatewayV2HTTPEvent event = search("/search", "$default");
        event.getHeaders().put("X-Forwarded-Prefix", "/evil");

        LambdaFront.takeOffPrefix(event, Optional.empty());

        assertThat(event.getHeaders()).doesNotContainKeys("X-Forwarded-Prefix", "x-forwarded-prefix")
                .containsEntry("user-agent", "curl/8.5.0");
    }

    @Test
    void eventWithoutHeadersGetsTheForwardedPrefixAsItsOnlyHeader() {
        APIGatewayV2HTTPEvent event = search("/prod/search", "prod");
        event.setHeaders(null);

        LambdaFront.takeOffPrefix(event, Optional.empty());

        assertThat(event.getHeaders()).isEqualTo(Map.of("x-forwarded-prefix", "/prod"));
    }

    @Test
    void pathMadeOnlyOfTheStageBecomesTheRoot() {
        APIGatewayV2HTTPEvent event = search("/prod", "prod");

        LambdaFront.takeOffPrefix(event, Optional.empty());

        assertThat(event.getRawPath()).isEqualTo("/");
    }

    private static APIGatewayV2HTTPEvent search(String rawPath, String stage) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(rawPath);
        event.setRawQueryString("q=pydantic");
        event.setHeaders(new HashMap<>(Map.of("user-agent", "curl/8.5.0")));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setStage(stage);
        event.setRequestContext(context);
        return event;
    }
}
