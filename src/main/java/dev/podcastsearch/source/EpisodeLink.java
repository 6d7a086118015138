package dev.podcastsearch.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for a hit's link, whatever kind of source it comes from: callers get an absolute {@code http} or
 * {@code https} URL, or no link at all. A source's text is untrusted, and its link is echoed to callers and rendered
 * on pages, so {@code javascript:}, {@code data:}, protocol-relative {@code //host/x}, control characters and
 * overlong links never get through.
 */
public final class EpisodeLink {

    static final int MAX_LENGTH = 2000;

    private EpisodeLink() {
    }

    /**
     * The link as callers may see it: an absolute http(s) URL as it is, a path on the podcast's site (one leading
     * {@code /}) resolved against {@code site}; anything else is empty.
     */
    public static Optional<String> resolve(String link, URI site) {
        if (link == null || link.isEmpty() || link.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            // java.net.URI refuses spaces, control characters, backslashes and other characters a URL may not hold.
            uri = new URI(link);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.isAbsolute()) {
            return isWeb(uri) ? Optional.of(link) : Optional.empty();
        }
        // "//host/x" has an authority: a link to another host that only looks relative.
        if (uri.getRawAuthority() != null || !link.startsWith("/")) {
            return Optional.empty();
        }
        URI resolved = site.resolve(uri);
        String text = resolved.toString();
        return isWeb(resolved) && text.length() <= MAX_LENGTH ? Optional.of(text) : Optional.empty();
    }

    /** The link if it is an absolute http(s) URL, as a feed's item links must be; anything else is empty. */
    public static Optional<String> absolute(String link) {
        if (link == null || link.isEmpty() || link.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(link);
            return uri.isAbsolute() && isWeb(uri) ? Optional.of(link) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean isWeb(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && !uri.isOpaque();
    }
}
