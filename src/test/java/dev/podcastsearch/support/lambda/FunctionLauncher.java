package dev.podcastsearch.support.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Starts a deployment package ({@code target/function.zip}) in a child JVM the way AWS Lambda's managed Java
 * runtime does, against a {@link LambdaRuntimeApi}:
 * <ul>
 * <li>the zip is unpacked into a fresh directory that serves as {@code LAMBDA_TASK_ROOT} and working directory;
 * the runtime client's {@code CustomerClassLoader} loads the function from there (its root, then {@code lib/*.jar});
 * <li>the JVM's own class path holds only AWS's runtime interface client and its libraries, taken from the test
 * class path, with its native library unpacked and named by system property, as in {@code /var/runtime/lib};
 * <li>the JVM is the deployed runtime's ({@code java25}: JDK 25 wherever the build finds one, see {@link #deployedJavaHome}),
 * with the options of the managed Java runtime's bootstrap as seen on {@code java17} (heap at 85 % of the memory
 * size, serial GC, C1 only), except that the JDK's default CDS archive stands in for Lambda's;
 * <li>the environment holds only what Lambda sets, plus the settings given here.
 * </ul>
 *
 * <pre>{@code
 * try (LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start();
 *      RunningFunction function = FunctionLauncher.forPackage(Path.of("target/function.zip"))
 *              .environment("SEARCH_TIMEOUT", "1500ms")
 *              .launch(runtimeApi)) {
 *     InvocationResult result = runtimeApi.invoke(event).await(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class FunctionLauncher {

    /** The handler Quarkus's Lambda extension provides. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** The handler deploy/template.yaml names: the function's own front to {@link #QUARKUS_HANDLER}. */
    public static final String HANDLER = "dev.podcastsearch.lambda.LambdaFront::handleRequest";

    /** The ingest's handler, the second function from the same package: one ingest run per invocation. */
    public static final String INGEST_HANDLER = "dev.podcastsearch.ingest.IngestFunction::handleRequest";

    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String NATIVE_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /** One class from each jar the managed runtime puts on the class path; found on the test class path. */
    private static final List<String> RUNTIME_CLASSES = List.of(
            RIC_MAIN,
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    private final Path functionZip;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> extraJvmOptions = new ArrayList<>();
    private String functionName = "podcast-search";
    private String handler = HANDLER;
    private int memoryMb = 512;
    private int maxConcurrency;
    private Path javaHome = deployedJavaHome();
    private Path logFile;
    private final boolean customRuntime;
    private boolean keepFileTimes = true;

    private FunctionLauncher(Path functionZip, boolean customRuntime) {
        this.functionZip = functionZip;
        this.customRuntime = customRuntime;
    }

    /**
     * The JDK the deployed runtime has: {@code function.javaHome} (the build sets JDK 25's for the {@code java25}
     * runtime wherever one is installed), else the JDK running the tests.
     */
    public static Path deployedJavaHome() {
        String configured = System.getProperty("function.javaHome", "");
        return Path.of(configured.isBlank() ? System.getProperty("java.home") : configured);
    }

    public static FunctionLauncher forPackage(Path functionZip) {
        if (!Files.isRegularFile(functionZip)) {
            throw new IllegalStateException(functionZip.toAbsolutePath() + " does not exist: run ./mvnw package (or verify) first");
        }
        return new FunctionLauncher(functionZip, false);
    }

    /**
     * A package for a custom runtime ({@code provided.al2023}, as {@code target/function-aot.zip} is): its own
     * {@code bootstrap} starts it, with the environment Lambda gives a custom runtime. The zip is unpacked with its
     * files' modification times and permissions, as Lambda unpacks it; {@link #jvmOption} and {@link #javaHome} do
     * not apply (the JVM reads {@code JAVA_TOOL_OPTIONS}, which {@link #environment} can set).
     */
    public static FunctionLauncher forCustomRuntime(Path functionZip) {
        if (!Files.isRegularFile(functionZip)) {
            throw new IllegalStateException(functionZip.toAbsolutePath() + " does not exist: run ./mvnw package -Paot first");
        }
        return new FunctionLauncher(functionZip, true);
    }

    /**
     * Unpacks the custom runtime's package as a tool that keeps no file times does (Python's {@code zipfile}, say):
     * every file's modification time is when it was written. Whether Lambda keeps a zip's times cannot be seen from
     * here; the package must start from its AOT cache either way.
     */
    public FunctionLauncher withoutFileTimes() {
        this.keepFileTimes = false;
        return this;
    }

    /** Adds a function environment variable, as set in the function's configuration. */
    public FunctionLauncher environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public FunctionLauncher environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** The memory size in MB; sets the heap as Lambda does. 512 unless set. */
    public FunctionLauncher memoryMb(int memoryMb) {
        this.memoryMb = memoryMb;
        return this;
    }

    /**
     * Sets {@code AWS_LAMBDA_MAX_CONCURRENCY}, as Lambda Managed Instances do: the runtime client then polls
     * with that many threads and runs that many invocations at once in the one JVM. Unset (one at a time) unless set.
     */
    public FunctionLauncher maxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
        return this;
    }

    public FunctionLauncher functionName(String functionName) {
        this.functionName = functionName;
        return this;
    }

    public FunctionLauncher handler(String handler) {
        this.handler = handler;
        return this;
    }

    /** The JDK to run; the one running the tests unless set. */
    public FunctionLauncher javaHome(Path javaHome) {
        this.javaHome = javaHome;
        return this;
    }

    /** A JVM option added after the managed runtime's, so it can override them (as {@code JAVA_TOOL_OPTIONS} can). */
    public FunctionLauncher jvmOption(String option) {
        extraJvmOptions.add(option);
        return this;
    }

    /** Also writes the function's output (stdout and stderr) to this file. */
    public FunctionLauncher logTo(Path logFile) {
        this.logFile = logFile;
        return this;
    }

    /**
     * Unpacks the package and starts the JVM. The clock for {@link RunningFunction#launchedAtNanos()} starts just
     * before the process does, so unpacking is not counted.
     */
    public RunningFunction launch(LambdaRuntimeApi runtimeApi) throws IOException {
        Path workDir = Files.createTempDirectory("lambda-function-");
        try {
            Path taskRoot = Files.createDirectory(workDir.resolve("task"));
            Path runtimeDir = Files.createDirectory(workDir.resolve("runtime"));
            List<String> command;
            if (customRuntime) {
                PackageFiles.unpack(functionZip, taskRoot);
                if (!keepFileTimes) {
                    touchAll(taskRoot);
                }
                command = List.of(taskRoot.resolve("bootstrap").toString());
            } else {
                unzip(functionZip, taskRoot);
                command = command(unpackNativeLibrary(runtimeDir));
            }

            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(lambdaEnvironment(runtimeApi, taskRoot, runtimeDir));
            builder.environment().putAll(environment);
            return RunningFunction.start(builder, runtimeApi, workDir, logFile);
        } catch (IOException | RuntimeException e) {
            RunningFunction.deleteRecursively(workDir);
            throw e;
        }
    }

    private static void touchAll(Path root) throws IOException {
        FileTime now = FileTime.from(Instant.now());
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, now);
            }
        }
    }

    private List<String> command(Path nativeLibrary) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.add("-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + nativeLibrary);
        command.addAll(extraJvmOptions);
        command.add("-classpath");
        command.add(runtimeClassPath());
        command.add(RIC_MAIN);
        command.add(handler);
        return command;
    }

    private Map<String, String> lambdaEnvironment(LambdaRuntimeApi runtimeApi, Path taskRoot, Path runtimeDir)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        if (!customRuntime) {
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + javaFeatureVersion());
        }
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]" + randomHex(16));
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        // Lambda gives each instance a /tmp of its own; here each launch gets its own, beside its task root.
        env.put("TMPDIR", Files.createDirectories(taskRoot.resolveSibling("tmp")).toString());
        env.put("_HANDLER", handler);
        if (maxConcurrency > 0) {
            env.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(maxConcurrency));
        }
        return env;
    }

    /** The JDK's feature version from its {@code release} file, as the managed runtime's name carries it; 17 if unknown. */
    private String javaFeatureVersion() {
        try {
            return Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"))
                    .findFirst().orElse("17");
        } catch (IOException e) {
            return "17";
        }
    }

    private static String runtimeClassPath() {
        return runtimeClientJars().stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    /** The jars of AWS's runtime interface client and its libraries, as the managed runtime has them; from the test class path. */
    public static List<Path> runtimeClientJars() {
        return RUNTIME_CLASSES.stream().map(FunctionLauncher::jarOf).distinct().toList();
    }

    /** The runtime interface client's native library for {@code platform} ({@code linux-x86_64}, {@code linux-aarch_64}). */
    public static InputStream runtimeClientNativeLibrary(String platform) {
        String name = "jni/libaws-lambda-jni." + platform + ".so";
        InputStream library = classLoaderOf(RIC_MAIN).getResourceAsStream(name);
        if (library == null) {
            throw new IllegalStateException("the runtime interface client jar has no " + name);
        }
        return library;
    }

    private static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, FunctionLauncher.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test class path: add the dependency "
                    + "com.amazonaws:aws-lambda-java-runtime-interface-client in test scope", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + className, e);
        }
    }

    /**
     * The RIC jar bundles its native client for four platforms and, left alone, copies the one it needs to a fixed
     * path in /tmp that concurrent launches would share; the managed runtime names it by property instead, and so do we.
     */
    private static Path unpackNativeLibrary(Path runtimeDir) throws IOException {
        String name = "libaws-lambda-jni." + platform() + ".so";
        Path target = Files.createDirectories(runtimeDir.resolve("lib/jni")).resolve(name);
        try (InputStream library = classLoaderOf(RIC_MAIN).getResourceAsStream("jni/" + name)) {
            if (library == null) {
                throw new IllegalStateException("the runtime interface client jar has no jni/" + name);
            }
            Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String platform() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "aarch_64" : null;
        if (cpu == null || !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("the runtime interface client runs on Linux x86_64 or aarch64 only, not "
                    + System.getProperty("os.name") + " " + arch);
        }
        boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (cpu.equals("x86_64") ? "x86_64" : "aarch64") + ".so.1"));
        return (musl ? "linux_musl-" : "linux-") + cpu;
    }

    private static ClassLoader classLoaderOf(String className) {
        try {
            return Class.forName(className, false, FunctionLauncher.class.getClassLoader()).getClassLoader();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(in, path);
                }
            }
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
