package dev.podcastsearch.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.PackageFiles;

/**
 * Builds {@code target/function-aot.zip} from {@code target/function.zip} ({@code ./mvnw package -Paot} runs it after
 * Quarkus's build): the function for a custom runtime, with its own JDK 25 reduced by jlink, AWS's runtime interface
 * client, and an AOT cache (JEP 483, 514, 515) written by a training run of this very package ({@link AotTraining}).
 *
 * <p>
 * Layout: {@code bootstrap} (from {@code src/main/aot}), {@code jre/}, {@code app/task-root.jar} (function.zip's
 * classes and resources, repacked: the cache takes classes from jars only), {@code app/lib/} (function.zip's
 * libraries), {@code app/runtime-client/}, {@code app/jni/}, {@code app/class-path.args} and {@code function.aot}.
 *
 * <p>
 * Fails the build when the JDK is not 25 or newer, when the training run writes no cache, or when the finished package
 * does not start with its cache demanded ({@code -XX:AOTMode=on}) or does not answer a search.
 */
public final class AotPackage {

    /** Modules jdeps finds that the function never loads. */
    static final Set<String> NOT_NEEDED = Set.of(
            // Only vertx-codegen's annotation processor uses javax.annotation.processing: a build-time tool, never run here.
            "jdk.compiler");
    /** Modules the function needs that jdeps cannot see, because they are looked up by name at run time. */
    static final Set<String> ALSO_NEEDED = Set.of(
            // Charsets beyond the standard ones (a feed in ISO-8859-15, Shift_JIS, ...): found by name, through a provider.
            "jdk.charsets",
            // SmallRye Config reads application.properties inside app/task-root.jar through a zip file system.
            "jdk.zipfs");
    /** The bootstrap's TRAINED_AT, the one time every file of the package gets (the cache checks the jars' times). */
    private static final Pattern TRAINED_AT = Pattern.compile("(?m)^TRAINED_AT=(\\d+)$");
    private static final Duration TOOL_LIMIT = Duration.ofMinutes(5);
    private FileTime fileTime;

    private final Path functionZip;
    private final Path javaHome;
    private final Path work;
    private final Path output;

    private AotPackage(Path functionZip, Path javaHome, Path work, Path output) {
        this.functionZip = functionZip;
        this.javaHome = javaHome;
        this.work = work;
        this.output = output;
    }

    /** Arguments: function.zip, the JDK 25 home (may be empty), the bootstrap, the work directory, the zip to write. */
    public static void main(String[] args) throws Exception {
        build(Path.of(args[0]), args[1], Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
    }

    /** Builds the package as the {@code aot} profile does; the benchmark calls it too when the package is missing. */
    public static void build(Path functionZip, String javaHome, Path bootstrap, Path work, Path output) throws Exception {
        // The zip's DOS times are local times: in UTC, as Lambda unpacks it.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Path jdk = jdk25(javaHome);
        long started = System.nanoTime();
        new AotPackage(functionZip, jdk, work, output).build(bootstrap);
        System.out.printf("[aot] wrote %s (%.1f MB) in %d s%n", output, Files.size(output) / 1e6,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private void build(Path bootstrap) throws Exception {
        Matcher trainedAt = TRAINED_AT.matcher(Files.readString(bootstrap));
        if (!trainedAt.find()) {
            throw new IllegalStateException(bootstrap + " sets no TRAINED_AT");
        }
        fileTime = FileTime.from(Instant.ofEpochSecond(Long.parseLong(trainedAt.group(1))));
        deleteRecursively(work);
        Path function = Files.createDirectories(work.resolve("function"));
        Path root = Files.createDirectories(work.resolve("package"));
        PackageFiles.unpack(functionZip, function);

        Path app = Files.createDirectories(root.resolve("app"));
        List<String> classPath = new ArrayList<>();
        classPath.add("app/task-root.jar");
        repackTaskRoot(function, app.resolve("task-root.jar"));
        Path lib = Files.createDirectories(app.resolve("lib"));
        for (String jar : libraryOrder(function)) {
            Files.copy(function.resolve(jar), lib.resolve(Path.of(jar).getFileName()));
            classPath.add("app/" + jar);
        }
        Path runtimeClient = Files.createDirectories(app.resolve("runtime-client"));
        for (Path jar : FunctionLauncher.runtimeClientJars()) {
            Files.copy(jar, runtimeClient.resolve(jar.getFileName()));
            classPath.add("app/runtime-client/" + jar.getFileName());
        }
        try (InputStream library = FunctionLauncher.runtimeClientNativeLibrary(platform())) {
            Files.copy(library, Files.createDirectories(app.resolve("jni")).resolve("libaws-lambda-jni.so"));
        }
        Files.writeString(app.resolve("class-path.args"), "-classpath " + String.join(":", classPath) + "\n");

        Set<String> modules = modules(root, classPath);
        System.out.println("[aot] jlink modules: " + String.join(",", modules));
        Files.writeString(work.resolve("modules.txt"), String.join("\n", modules) + "\n");
        run(javaHome.resolve("bin/jlink").toString(), "--add-modules", String.join(",", modules), "--strip-debug",
                "--no-man-pages", "--no-header-files", "--output", root.resolve("jre").toString());

        Path bootstrapInPackage = root.resolve("bootstrap");
        Files.copy(bootstrap, bootstrapInPackage);
        Files.setPosixFilePermissions(bootstrapInPackage, PosixFilePermissions.fromString("rwxr-xr-x"));
        setTimes(root);

        Path untrained = work.resolve("untrained.zip");
        PackageFiles.zip(root, untrained);
        Path cache = work.resolve("function.aot");
        AotTraining.train(untrained, root, cache);
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("the training run wrote no AOT cache at " + cache);
        }
        Files.copy(cache, root.resolve("function.aot"));
        setTimes(root);
        PackageFiles.zip(root, output);
        AotTraining.checkCacheIsUsed(output);
    }

    /** The task root's own classes and resources as one jar, without function.zip's Class-Path into lib/. */
    private void repackTaskRoot(Path function, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> walk = Files.walk(function)) {
            for (Path path : walk.sorted().toList()) {
                String name = function.relativize(path).toString();
                if (name.isEmpty() || name.equals("lib") || name.startsWith("lib/") || name.equals(JarFile.MANIFEST_NAME)
                        || name.equals("META-INF")) {
                    continue;
                }
                boolean directory = Files.isDirectory(path);
                JarEntry entry = new JarEntry(directory ? name + "/" : name);
                entry.setLastModifiedTime(fileTime);
                out.putNextEntry(entry);
                if (!directory) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    /**
     * The libraries in the order of function.zip's manifest Class-Path, the order Quarkus resolved them in; any jar of
     * lib/ it does not name comes after, by name.
     */
    private static List<String> libraryOrder(Path function) throws IOException {
        Set<String> order = new LinkedHashSet<>();
        try (InputStream in = Files.newInputStream(function.resolve(JarFile.MANIFEST_NAME))) {
            String classPath = new Manifest(in).getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null) {
                order.addAll(Arrays.asList(classPath.trim().split("\\s+")));
            }
        }
        try (Stream<Path> jars = Files.list(function.resolve("lib"))) {
            jars.map(jar -> "lib/" + jar.getFileName()).sorted().forEach(order::add);
        }
        order.removeIf(jar -> !Files.isRegularFile(function.resolve(jar)));
        return List.copyOf(order);
    }

    /**
     * jdeps over every jar of the class path, minus {@link #NOT_NEEDED}, plus {@link #ALSO_NEEDED}. jdeps reads a jar
     * with a module-info as a module and then wants every module it requires, optional ones too; copies without their
     * module-info are read as the class path reads them.
     */
    private Set<String> modules(Path root, List<String> classPath) throws Exception {
        Path flat = Files.createDirectories(work.resolve("jdeps"));
        List<String> jars = new ArrayList<>();
        for (String entry : classPath) {
            Path copy = flat.resolve(Path.of(entry).getFileName());
            withoutModuleInfo(root.resolve(entry), copy);
            jars.add(copy.toString());
        }
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/jdeps").toString(), "--ignore-missing-deps",
                "--print-module-deps", "--multi-release", "25", "-q", "--class-path", String.join(":", jars)));
        command.addAll(jars);
        String found = run(command.toArray(String[]::new)).strip();
        Set<String> modules = new TreeSet<>(Arrays.asList(found.split(",")));
        modules.removeAll(NOT_NEEDED);
        modules.addAll(ALSO_NEEDED);
        return modules;
    }

    private static void withoutModuleInfo(Path jar, Path copy) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
                OutputStream file = Files.newOutputStream(copy);
                JarOutputStream out = in.getManifest() == null ? new JarOutputStream(file) : new JarOutputStream(file, in.getManifest())) {
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
                if (!entry.getName().endsWith("module-info.class")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    /** The runtime client's native library that fits the JDK in the package, from its release file. */
    private String platform() throws IOException {
        String arch = releaseValue(javaHome, "OS_ARCH");
        return switch (arch) {
            case "x86_64", "amd64" -> "linux-x86_64";
            case "aarch64" -> "linux-aarch_64";
            default -> throw new IllegalStateException("no runtime interface client for the JDK's architecture " + arch);
        };
    }

    private static Path jdk25(String configured) throws IOException {
        String hint = "function-aot.zip needs a JDK 25 or newer for Linux (for example Eclipse Temurin 25, as the "
                + "temurin-25-jdk package), given by its home: ./mvnw package -Paot -Daot.javaHome=/path/to/jdk-25";
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("no JDK 25 found. " + hint);
        }
        Path home = Path.of(configured);
        if (!Files.isExecutable(home.resolve("bin/jlink")) || !Files.isRegularFile(home.resolve("release"))) {
            throw new IllegalStateException(home + " is no JDK (no bin/jlink). " + hint);
        }
        String version = releaseValue(home, "JAVA_VERSION");
        if (Integer.parseInt(version.split("[.+-]")[0]) < 25) {
            throw new IllegalStateException(home + " is JDK " + version + ". " + hint);
        }
        return home;
    }

    private static String releaseValue(Path javaHome, String key) throws IOException {
        return Files.readAllLines(javaHome.resolve("release")).stream()
                .filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1).replace("\"", ""))
                .findFirst().orElseThrow(() -> new IllegalStateException(javaHome + "/release has no " + key));
    }

    private void setTimes(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                Files.setLastModifiedTime(path, fileTime);
            }
        }
    }

    /** Runs a JDK tool; answers its output, or fails with it. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TOOL_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(Path.of(command[0]).getFileName() + " failed: " + output);
        }
        return output;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path path : walk.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                    Files.delete(path);
                }
            }
        }
    }
}
