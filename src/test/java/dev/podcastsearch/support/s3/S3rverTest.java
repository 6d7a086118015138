package dev.podcastsearch.support.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** s3rver answers the AWS SDK as S3 would for what the index needs: objects, ETags, conditional GETs, outages. */
class S3rverTest {

    private static S3rver s3;
    private static S3Client client;

    @BeforeAll
    static void launch() {
        s3 = S3rver.launch("index");
        client = S3rver.client(s3.endpoint());
    }

    @AfterAll
    static void close() {
        client.close();
        s3.close();
    }

    @Test
    void objectComesBackWithTheETagOfItsPut() {
        String putETag = put(client, "put-get.zip", "first index").eTag();

        ResponseBytes<GetObjectResponse> got = get(client, "put-get.zip");

        assertThat(got.asUtf8String()).isEqualTo("first index");
        // S3's ETag of a single-part upload: the body's MD5 in hex, in double quotes.
        assertThat(got.response().eTag()).isEqualTo(putETag).isEqualTo('"' + md5("first index") + '"');
    }

    @Test
    void getIfNoneMatchTheCurrentETagIsNotModified() {
        String eTag = put(client, "unchanged.zip", "same index").eTag();

        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket(s3.bucket()).key("unchanged.zip").ifNoneMatch(eTag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    }

    @Test
    void getIfModifiedSinceItsLastModifiedIsNotModified() {
        put(client, "dated.zip", "dated index");
        Instant lastModified = get(client, "dated.zip").response().lastModified();

        assertThatThrownBy(() -> client.getObjectAsBytes(
                b -> b.bucket(s3.bucket()).key("dated.zip").ifModifiedSince(lastModified)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    }

    @Test
    void getIfNoneMatchAnEarlierETagGivesTheNewBody() {
        String first = put(client, "replaced.zip", "old index").eTag();
        String second = put(client, "replaced.zip", "new index").eTag();

        ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(
                b -> b.bucket(s3.bucket()).key("replaced.zip").ifNoneMatch(first));

        assertThat(got.asUtf8String()).isEqualTo("new index");
        assertThat(got.response().eTag()).isEqualTo(second).isNotEqualTo(first);
    }

    @Test
    void everyAnsweredRequestIsRecordedWithItsConditionAndStatus() throws Exception {
        String eTag = put(client, "recorded.zip", "recorded index").eTag();

        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket(s3.bucket()).key("recorded.zip").ifNoneMatch(eTag)))
                .isInstanceOf(S3Exception.class);

        S3rver.Request conditional = new S3rver.Request("GET", "/index/recorded.zip", eTag, 304);
        assertThat(s3.awaitRequests(0, conditional::equals, Duration.ofSeconds(5)))
                .filteredOn(request -> request.url().equals("/index/recorded.zip"))
                .extracting(S3rver.Request::method, S3rver.Request::status)
                .containsExactly(tuple("PUT", 200), tuple("GET", 304));
    }

    @Test
    void stoppedServerRefusesConnections() {
        try (S3rver outage = S3rver.launch("index"); S3Client outageClient = S3rver.client(outage.endpoint())) {
            put(outageClient, "index.zip", "published");

            outage.stop();

            assertThatThrownBy(() -> get(outageClient, "index.zip"))
                    .isInstanceOf(SdkClientException.class)
                    .hasRootCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void startedAgainItStillHoldsTheObject() {
        try (S3rver outage = S3rver.launch("index"); S3Client outageClient = S3rver.client(outage.endpoint())) {
            String eTag = put(outageClient, "index.zip", "published").eTag();
            outage.stop();

            outage.start();

            ResponseBytes<GetObjectResponse> got = get(outageClient, "index.zip");
            assertThat(got.asUtf8String()).isEqualTo("published");
            assertThat(got.response().eTag()).isEqualTo(eTag);
        }
    }

    private static PutObjectResponse put(S3Client to, String key, String body) {
        return to.putObject(b -> b.bucket(s3.bucket()).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    private static ResponseBytes<GetObjectResponse> get(S3Client from, String key) {
        return from.getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
