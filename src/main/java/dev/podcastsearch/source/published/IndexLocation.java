package dev.podcastsearch.source.published;

import java.net.URI;
import java.net.URISyntaxException;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Where the published index lives: {@code search.index.location}, an S3 object written {@code s3://bucket/key}. */
record IndexLocation(String bucket, String key) {

    /** @throws ConfigurationException unless {@code location} is {@code s3://bucket/key} */
    static IndexLocation parse(String location) {
        try {
            URI uri = new URI(location);
            String key = uri.getRawPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if ("s3".equals(uri.getScheme()) && uri.getHost() != null && !key.isEmpty() && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return new IndexLocation(uri.getHost(), key);
            }
        } catch (URISyntaxException e) {
            // Refused below, with what is allowed.
        }
        throw new ConfigurationException("search.index.location is '" + location + "': it must be empty (each instance"
                + " indexes its own feeds) or s3://bucket/key (the object the ingest publishes and instances load)");
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
