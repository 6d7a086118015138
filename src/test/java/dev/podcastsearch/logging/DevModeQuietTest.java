package dev.podcastsearch.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What a newcomer sees in the console of {@code ./mvnw quarkus:dev}: the application's own lines, not the stand-ins'
 * chatter. Runs with dev mode's configuration (the WireMock stand-in and the sample feed included).
 */
@QuarkusTest
@TestProfile(DevModeQuietTest.DevMode.class)
class DevModeQuietTest {

    public static class DevMode implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "dev";
        }
    }

    /** The stand-in used to log about 23 lines for every source call: 6 700 lines for 250 searches. */
    @Test
    void searchLeavesItsRequestLineAndNothingFromTheStandIn() {
        try (CapturedLog standIn = CapturedLog.of("io.quarkiverse.wiremock");
                CapturedLog requests = CapturedLog.of(RequestLog.class)) {
            given().queryParam("q", "pydantic").when().get("/search").then().statusCode(200);

            assertThat(requests.messages()).singleElement().asString()
                    .contains("pythonbytes=ok", "realpython=ok", "talkpython=ok");
            assertThat(standIn.messages()).isEmpty();
        }
    }

    /**
     * Quarkus asks Testcontainers whether Docker runs whenever a dev service starts, even the in-process stand-in, and
     * Testcontainers answers "no Docker" with an ERROR. Nothing here needs a container.
     */
    @Test
    void testcontainersHasNothingToSayWhereNoContainerRuns() {
        assertThat(Logger.getLogger("org.testcontainers").getLevel()).isEqualTo(Level.OFF);
    }

    /** The Maven plugin asks its analytics question before any of this code runs; this setting is what stops it. */
    @Test
    void mavenIsToldNotToAskTheAnalyticsQuestion() throws Exception {
        assertThat(Files.readAllLines(Path.of(".mvn/maven.config"))).contains("-Dquarkus.analytics.disabled=true");
    }
}
