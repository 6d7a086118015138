package dev.podcastsearch.subscribe;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.source.Hit;

/**
 * The feed of one search's answer: its bytes, and what a conditional request is compared with. The {@code etag} is
 * a hash of the bytes, so it changes with anything the feed says (which items, their order, any of their texts) and
 * with nothing else; {@code lastModified} is the newest item's date, or null when no item has one.
 */
record SearchFeed(byte[] xml, String etag, Instant lastModified) {

    /**
     * Which hits become items: whole episodes a podcast app can play. A moment (a transcript passage or a chapter)
     * is left out: an item is an episode, and the same episode would come again for each of its moments. The one
     * place this rule lives. The items are the hits of the answer's window ({@code limit}, {@code offset}) that pass
     * it, in the answer's order.
     */
    static boolean isItem(Hit hit) {
        return hit.audioUrl() != null && hit.moment() == null;
    }

    static SearchFeed of(SearchResponse answer, String page) {
        List<Hit> items = answer.results().stream().filter(SearchFeed::isItem).toList();
        byte[] xml = SearchFeedWriter.write(answer, items, page);
        // HTTP dates have whole seconds: a date compared with If-Modified-Since must have them too.
        Instant newest = items.stream().map(Hit::published).filter(Objects::nonNull).map(Instant::parse)
                .max(Comparator.naturalOrder()).map(date -> date.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
        return new SearchFeed(xml, etagOf(xml), newest);
    }

    /**
     * Whether a conditional GET or HEAD with these headers gets 304 (RFC 9110, 13.2.2): {@code If-None-Match} decides
     * when it is sent (a weak comparison, so {@code W/"x"} matches {@code "x"}; {@code *} matches any feed); otherwise
     * {@code If-Modified-Since}, when it is one valid HTTP date no earlier than {@code lastModified}. A value that is
     * neither is ignored, as RFC 9110 says, and the feed is answered.
     */
    boolean unchangedFor(List<String> ifNoneMatch, List<String> ifModifiedSince) {
        if (!ifNoneMatch.isEmpty()) {
            return ifNoneMatch.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                    .anyMatch(tag -> tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag));
        }
        if (lastModified == null || ifModifiedSince.isEmpty()) {
            return false;
        }
        // An HTTP date holds a comma, at which dev mode's mock event server splits a header: joined again, a value
        // that is more than one date is no date, and ignored.
        String since = ifModifiedSince.stream().map(String::strip).collect(Collectors.joining(", "));
        try {
            return !lastModified.isAfter(Instant.from(SearchFeedWriter.RFC_822.parse(since)));
        } catch (DateTimeParseException notOneDate) {
            return false;
        }
    }

    /** The first 128 bits of the SHA-256 of the bytes, in base64url: strong, as equal tags mean equal bytes. */
    private static String etagOf(byte[] xml) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(xml);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
