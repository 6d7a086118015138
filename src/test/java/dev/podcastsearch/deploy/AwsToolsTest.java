package dev.podcastsearch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * deploy/template.yaml through AWS's own tools: cfn-lint (the linter AWS maintains for CloudFormation and SAM), which
 * also lints deploy/template-aot.yaml, and the SAM translator it comes with (Python's {@code samtranslator}), the same transform CloudFormation runs on deploy.
 * Without cfn-lint on the PATH both are skipped with a notice, except in CI ({@code CI=true}), where they fail.
 */
class AwsToolsTest {

    private static final Path TEMPLATE = Path.of("deploy", "template.yaml");
    /** The same function on a custom runtime, for function-aot.zip. */
    private static final Path AOT_TEMPLATE = Path.of("deploy", "template-aot.yaml");
    private static final Path TRANSLATE = Path.of("src", "test", "resources", "deploy", "sam_translate.py");
    /** The regions the README deploys to: samconfig.toml's, and the other one it shows. */
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    private static Path cfnLint;
    private static Path python;

    @BeforeAll
    static void findTools() throws Exception {
        cfnLint = onPath("cfn-lint").orElse(null);
        if (cfnLint == null) {
            String notice = "cfn-lint is not on the PATH: the checks of deploy/template.yaml by AWS's tools are skipped"
                    + " (install it with pip install cfn-lint)";
            if ("true".equals(System.getenv("CI"))) {
                fail(notice + ", which CI does not allow");
            }
            System.out.println("NOTICE: " + notice);
            Assumptions.abort(notice);
        }
        python = pythonOf(cfnLint);
    }

    @Test
    void cfnLintFindsNoErrorWarningOrInformationalFinding() throws Exception {
        List<String> command = new ArrayList<>(List.of(cfnLint.toString(), "--format", "parseable", "--regions"));
        command.addAll(REGIONS);
        command.addAll(List.of("--", TEMPLATE.toString(), AOT_TEMPLATE.toString()));

        Result lint = run(command);

        // Its exit code is a bit set: 2 errors, 4 warnings, 8 informational findings; each must be fixed or ignored
        // in the template with its reason.
        assertThat(lint.exitCode()).as("cfn-lint's findings:%n%s", lint.output()).isZero();
    }

    @Test
    void httpApiAllowsExactlyTheDefaultOrigin() throws Exception {
        JsonNode cors = translatedCors("{}");

        assertThat(texts(cors.get("allowOrigins"))).containsExactly("*");
        assertThat(texts(cors.get("allowMethods"))).containsExactly("GET");
    }

    @Test
    void httpApiAllowsExactlyTheOriginsGivenAtDeploy() throws Exception {
        JsonNode cors = translatedCors("{\"AllowedOrigins\": \"https://a.example,https://b.example\"}");

        assertThat(texts(cors.get("allowOrigins"))).containsExactly("https://a.example", "https://b.example");
        assertThat(texts(cors.get("allowMethods"))).containsExactly("GET");
        assertThat(cors.get("maxAge").asInt()).isEqualTo(600);
    }

    @Test
    void httpApiHasNoCorsWhenNoOriginIsGiven() throws Exception {
        JsonNode translated = translate("{\"AllowedOrigins\": \"\"}");

        assertThat(translated.get("cors").isNull()).as(translated.toString()).isTrue();
    }

    /** The HTTP API's CORS configuration after the SAM transform, intrinsic functions resolved as CloudFormation does. */
    private static JsonNode translatedCors(String parameters) throws Exception {
        JsonNode cors = translate(parameters).get("cors");
        assertThat(cors.isObject()).as("CORS configuration: %s", cors).isTrue();
        return cors;
    }

    private static JsonNode translate(String parameters) throws Exception {
        Result translation = run(List.of(python.toString(), TRANSLATE.toString(), TEMPLATE.toString(), parameters));
        assertThat(translation.exitCode()).as("the SAM translation:%n%s", translation.output()).isZero();
        String output = translation.output().strip();
        return new ObjectMapper().readTree(output.substring(output.lastIndexOf('\n') + 1));
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as("a list, not %s", array).isTrue();
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * The Python that runs cfn-lint, where samtranslator is installed with it: the one its script names, or (for a
     * pyenv or virtualenv shim) the python beside it.
     */
    private static Path pythonOf(Path cfnLint) throws Exception {
        List<Path> candidates = new ArrayList<>();
        String firstLine = Files.readAllLines(cfnLint, StandardCharsets.ISO_8859_1).stream().findFirst().orElse("");
        if (firstLine.startsWith("#!") && firstLine.contains("python")) {
            String[] shebang = firstLine.substring(2).strip().split("\\s+");
            String interpreter = shebang[0].endsWith("/env") && shebang.length > 1 ? shebang[1] : shebang[0];
            candidates.add(interpreter.contains("/") ? Path.of(interpreter) : onPath(interpreter).orElse(Path.of(interpreter)));
        }
        candidates.add(cfnLint.resolveSibling("python3"));
        candidates.add(cfnLint.resolveSibling("python"));
        onPath("python3").ifPresent(candidates::add);
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)
                    && run(List.of(candidate.toString(), "-c", "import samtranslator, cfnlint")).exitCode() == 0) {
                return candidate;
            }
        }
        throw new AssertionError("no Python beside " + cfnLint + " has samtranslator, which comes with cfn-lint; tried "
                + candidates);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_DEFAULT_REGION", "us-east-1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), output);
    }
}
