package dev.podcastsearch.source.published;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The published index's object in S3, through the AWS SDK: region, credentials and endpoint from the SDK's own chain
 * (on Lambda, the function's role and region). An endpoint of one's own ({@code AWS_ENDPOINT_URL_S3} or
 * {@code AWS_ENDPOINT_URL}, or their system properties) is usually an S3-compatible server: then requests use path-style
 * addresses, checksums only where S3 requires them, and bodies sent whole rather than in signed aws-chunked frames
 * (s3rver, for one, would store the frames as the object).
 */
final class IndexStore implements AutoCloseable {

    /** How long a GET may take to answer (not to download): a search waits for no longer than its own bound. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);

    private final S3Client s3;
    private final IndexLocation location;

    private IndexStore(S3Client s3, IndexLocation location) {
        this.s3 = s3;
        this.location = location;
    }

    static IndexStore of(IndexLocation location) {
        boolean ownEndpoint = Stream.of(System.getenv("AWS_ENDPOINT_URL_S3"), System.getenv("AWS_ENDPOINT_URL"),
                System.getProperty("aws.endpointUrlS3"), System.getProperty("aws.endpointUrl"))
                .anyMatch(endpoint -> endpoint != null && !endpoint.isBlank());
        return new IndexStore(client(ownEndpoint).build(), location);
    }

    /**
     * A store at an S3-compatible server of one's own at {@code endpoint}, with fixed credentials and region and
     * otherwise the same client: SnapStart priming's stand-in, so that priming runs the very code a check runs.
     */
    static IndexStore standIn(URI endpoint, IndexLocation location) {
        return new IndexStore(client(true).endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build(), location);
    }

    private static S3ClientBuilder client(boolean ownEndpoint) {
        return S3Client.builder()
                // The JDK's client: the fewest classes to load at init, and one object at a time is all this does.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(ANSWER_TIMEOUT)
                        .socketTimeout(Duration.ofSeconds(30)))
                .forcePathStyle(ownEndpoint)
                .requestChecksumCalculation(ownEndpoint ? RequestChecksumCalculation.WHEN_REQUIRED
                        : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(ownEndpoint ? ResponseChecksumValidation.WHEN_REQUIRED
                        : ResponseChecksumValidation.WHEN_SUPPORTED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(!ownEndpoint).build());
    }

    IndexLocation location() {
        return location;
    }

    /** The object, its ETag and its stream; the stream's own read failures arrive as {@link Unreachable}. */
    record Download(String etag, long size, InputStream body) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** The bucket could not be read: the request failed, or the object's body broke off on the way. */
    static final class Unreachable extends IOException {

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No object at the location. */
    static final class Missing extends IOException {

        Missing(String message) {
            super(message);
        }
    }

    /**
     * The object, unless its ETag is still {@code ifNoneMatch} (then null: S3 answered 304).
     *
     * @throws Missing when there is no object
     * @throws Unreachable when the bucket cannot be read
     */
    Download get(String ifNoneMatch) throws IOException {
        GetObjectRequest request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key())
                .ifNoneMatch(ifNoneMatch)
                .overrideConfiguration(override -> override.apiCallAttemptTimeout(ANSWER_TIMEOUT))
                .build();
        ResponseInputStream<GetObjectResponse> answer;
        try {
            answer = s3.getObject(request);
        } catch (S3Exception e) {
            if (e.statusCode() == 304) {
                return null;
            }
            if (e.statusCode() == 404) {
                throw new Missing("no index is published at " + location);
            }
            throw new Unreachable(location + " answered HTTP " + e.statusCode(), e);
        } catch (RuntimeException e) {
            throw new Unreachable(location + " could not be read: " + e.getMessage(), e);
        }
        GetObjectResponse object = answer.response();
        return new Download(object.eTag(), object.contentLength() == null ? -1 : object.contentLength(),
                new TransportStream(answer, object.contentLength() == null ? -1 : object.contentLength()));
    }

    /** Writes {@code file} as the object; gives its new ETag. A failure leaves the object as it was. */
    String put(Path file) {
        return s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(location.key())
                .contentType("application/zip").build(), RequestBody.fromFile(file)).eTag();
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * Tells the body's own failures apart from what the archive reader finds wrong with the bytes: a body that breaks
     * off, even one that ends early without an error, is the bucket's failure, tried again; not a corrupt object.
     */
    private static final class TransportStream extends FilterInputStream {

        private final long size;
        private long read;

        TransportStream(InputStream in, long size) {
            super(in);
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int got = read(one, 0, 1);
            return got < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int got;
            try {
                got = super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw new Unreachable("the index's download broke off: " + e.getMessage(), e);
            }
            if (got < 0 && size >= 0 && read < size) {
                throw new Unreachable("the index's download broke off after " + read + " of " + size + " bytes", null);
            }
            read += Math.max(got, 0);
            return got;
        }
    }
}
