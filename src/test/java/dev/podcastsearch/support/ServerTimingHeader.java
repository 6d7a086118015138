package dev.podcastsearch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.ExtractableResponse;

/**
 * A {@code Server-Timing} header read as the W3C grammar has it: metrics separated by commas, each a token with
 * {@code ;dur=} and {@code ;desc=} parameters. Parsing fails the test if the header does not follow the grammar.
 */
public final class ServerTimingHeader {

    private static final Pattern METRIC = Pattern.compile(
            "\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)((?:\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+|\"(?:[^\"\\\\]|\\\\.)*\"))*)\\s*(?:,|$)");
    private static final Pattern PARAMETER = Pattern.compile(
            ";\\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)=([!#$%&'*+.^_`|~0-9A-Za-z-]+|\"(?:[^\"\\\\]|\\\\.)*\")");

    private final Map<String, Map<String, String>> metrics;

    private ServerTimingHeader(Map<String, Map<String, String>> metrics) {
        this.metrics = metrics;
    }

    /**
     * From an HTTP answer. The Lambda mock event server hands a comma-separated value on as several header fields,
     * which HTTP reads as the same list, so they are joined again.
     */
    public static ServerTimingHeader of(ExtractableResponse<?> response) {
        return of(String.join(", ", response.headers().getValues("Server-Timing")));
    }

    public static ServerTimingHeader of(String header) {
        assertThat(header).as("a Server-Timing header").isNotBlank();
        Map<String, Map<String, String>> metrics = new LinkedHashMap<>();
        Matcher metric = METRIC.matcher(header);
        int end = 0;
        while (end < header.length() && metric.find(end) && metric.start() == end) {
            Map<String, String> parameters = new LinkedHashMap<>();
            Matcher parameter = PARAMETER.matcher(metric.group(2));
            while (parameter.find()) {
                String value = parameter.group(2);
                parameters.put(parameter.group(1), value.startsWith("\"")
                        ? value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1")
                        : value);
            }
            metrics.put(metric.group(1), parameters);
            end = metric.end();
        }
        assertThat(end).as("the whole header follows the Server-Timing grammar: " + header).isEqualTo(header.length());
        return new ServerTimingHeader(metrics);
    }

    public List<String> metrics() {
        return new ArrayList<>(metrics.keySet());
    }

    public double duration(String metric) {
        assertThat(metrics).containsKey(metric);
        return Double.parseDouble(metrics.get(metric).get("dur"));
    }

    public String description(String metric) {
        assertThat(metrics).containsKey(metric);
        return metrics.get(metric).get("desc");
    }
}
