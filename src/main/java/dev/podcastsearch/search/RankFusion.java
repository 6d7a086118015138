package dev.podcastsearch.search;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.podcastsearch.source.Hit;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): a hit's score is the sum, over the sources that list
 * it, of {@code weight / (60 + rank)}, rank from 1, so that a hit two sources rank well beats one that a single
 * source ranks first, and no source's own scores, which cannot be compared, are needed. Ties go by source id, then
 * rank: with equal weights and no episode in common, that is every source's first hit, then every second one.
 * <p>
 * The same episode from two sources is one hit: hits of the same category with the same {@code audio_url}, or the
 * same {@code url} once normalised ({@link #normalised}). It is kept as the source with the largest contribution
 * gives it, with the others in {@code also_in}. Hits of one source are never merged with each other: a source knows
 * its own hits apart.
 */
final class RankFusion {

    /** As in the paper, and Elasticsearch's default. */
    static final int K = 60;

    private static final Comparator<Listed> TIES = Comparator.comparing(Listed::source).thenComparingInt(Listed::rank);

    /** One source's hits in its own order, and how much its ranking counts. */
    record Ranking(String source, double weight, List<Hit> hits) {
    }

    private RankFusion() {
    }

    /** The hits of every ranking, merged, best first; with {@code explain}, each with its score and ranks. */
    static List<Hit> fuse(List<Ranking> rankings, boolean explain) {
        List<Listed> listed = new ArrayList<>();
        for (Ranking ranking : rankings) {
            for (int i = 0; i < ranking.hits().size(); i++) {
                listed.add(new Listed(ranking.hits().get(i), ranking.source(), i + 1,
                        ranking.weight() / (K + i + 1)));
            }
        }
        // Best contribution first, so that the first hit of an episode is the one kept.
        listed.sort(Comparator.comparingDouble(Listed::contribution).reversed().thenComparing(TIES));
        Map<String, Episode> byKey = new HashMap<>();
        List<Episode> episodes = new ArrayList<>();
        for (Listed hit : listed) {
            List<String> keys = keys(hit.hit());
            Episode episode = keys.stream().map(byKey::get)
                    .filter(known -> known != null && !known.ranks.containsKey(hit.source()))
                    .findFirst().orElse(null);
            if (episode == null) {
                episode = new Episode(hit);
                episodes.add(episode);
            }
            episode.add(hit);
            for (String key : keys) {
                byKey.putIfAbsent(key, episode);
            }
        }
        episodes.sort(Comparator.comparingDouble((Episode episode) -> episode.score).reversed()
                .thenComparing(episode -> episode.kept, TIES));
        return episodes.stream().map(episode -> episode.hit(explain)).toList();
    }

    /** What makes two hits the same episode; none for a hit with neither link. */
    private static List<String> keys(Hit hit) {
        return Stream.of(hit.audioUrl() == null ? null : "audio " + hit.category() + " " + normalised(hit.audioUrl()),
                hit.url() == null ? null : "url " + hit.category() + " " + normalised(hit.url()))
                .filter(key -> key != null).toList();
    }

    /**
     * A link as two sources may write the same one: scheme and host in lower case, a default port (80 for http, 443
     * for https) and a trailing slash left out. The path's case, the query and the fragment are kept: they may name
     * something else. Links are absolute http(s) URLs already ({@code source/EpisodeLink}).
     */
    static String normalised(String link) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            return link;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("/$", "");
        return scheme + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
                + uri.getHost().toLowerCase(Locale.ROOT) + (port < 0 || defaultPort ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /** A hit as one source listed it. */
    private record Listed(Hit hit, String source, int rank, double contribution) {
    }

    /** The hits found to be one episode, its score so far, and each source's rank for it. */
    private static final class Episode {

        final Listed kept;
        final Map<String, Integer> ranks = new TreeMap<>();
        double score;

        Episode(Listed kept) {
            this.kept = kept;
        }

        void add(Listed hit) {
            ranks.put(hit.source(), hit.rank());
            score += hit.contribution();
        }

        Hit hit(boolean explain) {
            List<String> alsoIn = ranks.keySet().stream().filter(source -> !source.equals(kept.source())).toList();
            return kept.hit().merged(alsoIn, explain ? score : null, explain ? ranks : null);
        }
    }
}
