package dev.podcastsearch.support.s3;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A published index for the function under test: an {@link S3rver} with a bucket, the AWS SDK pointed at it through its
 * own system properties (endpoint, credentials, region: what {@code AWS_ENDPOINT_URL_S3} and the others set on a real
 * deployment), and {@code search.index.location} at {@value #KEY} in that bucket. Inject the server into a field of type
 * {@link S3rver}. An init arg named like a property ({@code search.index.refresh}) sets it.
 */
public class S3rverResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "podcast-search-index";
    public static final String KEY = "index/podcast-search.zip";
    private static final Map<String, String> SDK = Map.of("aws.accessKeyId", S3rver.ACCESS_KEY,
            "aws.secretAccessKey", S3rver.SECRET_KEY, "aws.region", "us-east-1");

    private S3rver server;
    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        server = S3rver.launch(BUCKET);
        SDK.forEach(System::setProperty);
        System.setProperty("aws.endpointUrlS3", server.endpoint().toString());
        Map<String, String> config = new HashMap<>(args);
        config.put("search.index.location", "s3://" + BUCKET + "/" + KEY);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, field -> field.getType() == S3rver.class);
    }

    @Override
    public void stop() {
        SDK.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrlS3");
        if (server != null) {
            server.close();
        }
    }
}
