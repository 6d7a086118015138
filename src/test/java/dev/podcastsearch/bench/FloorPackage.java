package dev.podcastsearch.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the framework floor's deployment package: the Maven project under {@code src/test/resources/bench/floor} (the
 * smallest Quarkus Lambda HTTP function with podcast-search's extensions, one resource answering a fixed JSON document),
 * copied to {@code target/bench/floor} and built by this project's Maven wrapper with this project's Quarkus version.
 * Offline: the project's own build has already resolved everything the floor needs, its extensions being a subset.
 */
final class FloorPackage {

    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final Pattern QUARKUS_VERSION = Pattern.compile("<quarkus\\.platform\\.version>([^<]+)</quarkus\\.platform\\.version>");

    private FloorPackage() {
    }

    /** {@code directory/target/function.zip}, built now; the build's output goes to {@code log}. */
    static Path build(Path directory, Path log) throws IOException, InterruptedException {
        Path sources = resourceDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = directory.resolve(sources.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Its own .mvn makes the floor its own root: Maven does not walk up into this project's.
        Files.createDirectories(directory.resolve(".mvn"));
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of("mvnw").toAbsolutePath().toString(), "-B", "-o", "-q",
                "-f", directory.resolve("pom.xml").toAbsolutePath().toString(), "package", "-Dmaven.test.skip=true",
                "-Dquarkus.platform.version=" + quarkusVersion()));
        Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new IllegalStateException("the floor's build took more than 10 minutes; see " + log);
        }
        Path zip = directory.resolve("target").resolve("function.zip");
        if (maven.exitValue() != 0 || !Files.isRegularFile(zip)) {
            throw new IllegalStateException("the floor's build failed (exit " + maven.exitValue() + "); see " + log + ":\n"
                    + Files.readString(log));
        }
        return zip;
    }

    /** The version this project's pom.xml builds with. */
    static String quarkusVersion() throws IOException {
        Matcher version = QUARKUS_VERSION.matcher(Files.readString(Path.of("pom.xml")));
        if (!version.find()) {
            throw new IllegalStateException("pom.xml names no quarkus.platform.version");
        }
        return version.group(1).trim();
    }

    private static Path resourceDirectory() {
        try {
            return Path.of(FloorPackage.class.getResource("/bench/floor/pom.xml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the floor's sources", e);
        }
    }
}
