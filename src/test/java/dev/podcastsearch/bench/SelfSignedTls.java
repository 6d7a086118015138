package dev.podcastsearch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate for 127.0.0.1 made with the JDK's keytool when the benchmark runs: the key store the TLS stand-ins
 * serve from, and a trust store holding only that certificate, which the function JVMs get as their default trust
 * store ({@code javax.net.ssl.trustStore}).
 */
public final class SelfSignedTls {

    private static final String PASSWORD = "benchmark";

    private final Path keyStore;
    private final Path trustStore;

    private SelfSignedTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    public static SelfSignedTls create(Path directory, Path javaHome) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path keyStore = directory.resolve("stand-in.p12");
        Path certificate = directory.resolve("stand-in.pem");
        Path trustStore = directory.resolve("trust.p12");
        for (Path file : List.of(keyStore, certificate, trustStore)) {
            Files.deleteIfExists(file);
        }
        String keytool = javaHome.resolve("bin/keytool").toString();
        run(keytool, "-genkeypair", "-alias", "stand-in", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "stand-in", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "stand-in", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        return new SelfSignedTls(keyStore, trustStore);
    }

    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** The JVM options that make this certificate the only one a function JVM trusts. */
    public List<String> trustStoreOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath());
        options.add("-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
        options.add("-Djavax.net.ssl.trustStoreType=PKCS12");
        return options;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
