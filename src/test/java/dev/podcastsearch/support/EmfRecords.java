package dev.podcastsearch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The CloudWatch Embedded Metric Format records a packaged function printed, and the check that each is one CloudWatch
 * extracts: valid against the schema written from the format's specification
 * ({@code src/test/resources/emf/embedded-metric-format.schema.json}), with what the schema cannot say.
 */
public final class EmfRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();

    private EmfRecords() {
    }

    /** Every line of {@code output} that is an EMF record: a JSON object with _aws at its root. */
    public static List<JsonNode> of(String output) {
        List<JsonNode> records = new ArrayList<>();
        for (Iterator<String> lines = output.lines().iterator(); lines.hasNext();) {
            String line = lines.next();
            if (line.startsWith("{\"_aws\"")) {
                try {
                    records.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return records;
    }

    /** Fails unless {@code record} is valid EMF in the PodcastSearch namespace for {@code service}. */
    public static void assertValid(JsonNode record, String service) {
        Set<ValidationMessage> problems = SCHEMA.validate(record);
        assertThat(problems).as(record.toString()).isEmpty();
        // What the schema cannot say: every dimension is a string member at the root, every metric a number there.
        for (JsonNode directive : record.get("_aws").get("CloudWatchMetrics")) {
            assertThat(directive.get("Namespace").asText()).isEqualTo("PodcastSearch");
            directive.get("Dimensions").forEach(set -> set.forEach(
                    dimension -> assertThat(record.path(dimension.asText()).isTextual()).as(dimension.asText()).isTrue()));
            directive.get("Metrics").forEach(metric -> assertThat(record.path(metric.get("Name").asText()).isNumber())
                    .as(metric.get("Name").asText()).isTrue());
        }
        assertThat(record.get("Service").asText()).isEqualTo(service);
    }

    private static JsonSchema schema() {
        try (InputStream in = EmfRecords.class.getResourceAsStream("/emf/embedded-metric-format.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
