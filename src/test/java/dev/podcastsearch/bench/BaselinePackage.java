package dev.podcastsearch.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the baseline's deployment package as a plain Java function would ship: its compiled classes at the root and
 * the jars it needs under {@code lib/} (Jackson and the Lambda core interfaces), taken from the test class path.
 */
final class BaselinePackage {

    static final String HANDLER = PlainJavaSearchHandler.class.getName() + "::handleRequest";

    private static final List<Class<?>> LIBRARIES = List.of(ObjectMapper.class, JsonParser.class, JsonProperty.class,
            Context.class);

    private BaselinePackage() {
    }

    static Path build(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        Path classes = jarOrDirectoryOf(PlainJavaSearchHandler.class);
        String prefix = PlainJavaSearchHandler.class.getPackageName().replace('.', '/') + "/";
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                Stream<Path> files = Files.list(classes.resolve(prefix))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(PlainJavaSearchHandler.class.getSimpleName()))
                    .sorted().toList()) {
                add(out, prefix + file.getFileName(), file);
            }
            for (Class<?> library : LIBRARIES) {
                Path jar = jarOrDirectoryOf(library);
                add(out, "lib/" + jar.getFileName(), jar);
            }
        }
        return zip;
    }

    private static void add(ZipOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, out);
        out.closeEntry();
    }

    private static Path jarOrDirectoryOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }
}
