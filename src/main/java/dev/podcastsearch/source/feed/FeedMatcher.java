package dev.podcastsearch.source.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Searches a feed's episodes. The query is split on whitespace into terms, normalised as the episodes were (case and
 * accents off); an episode matches when every term occurs in its title or its description (anywhere in a word:
 * {@code pydant} finds Pydantic). Its score is the sum over the terms of {@value #TITLE_WEIGHT} if the term is in the
 * title plus {@value #DESCRIPTION_WEIGHT} if it is in the description, so title matches rank first; equal scores rank
 * newest first (an episode without a date last), then in feed order.
 */
final class FeedMatcher {

    static final int TITLE_WEIGHT = 3;
    static final int DESCRIPTION_WEIGHT = 1;

    private FeedMatcher() {
    }

    static List<Episode> matching(List<Episode> episodes, String query) {
        String[] terms = Arrays.stream(FeedText.normalised(query).strip().split("\\s+"))
                .filter(term -> !term.isEmpty()).distinct().toArray(String[]::new);
        List<Scored> found = new ArrayList<>();
        if (terms.length == 0) {
            return List.of();
        }
        for (int position = 0; position < episodes.size(); position++) {
            Episode episode = episodes.get(position);
            int score = score(episode, terms);
            if (score > 0) {
                found.add(new Scored(episode, score, position));
            }
        }
        found.sort(Comparator.comparingInt(Scored::score).reversed()
                .thenComparing(scored -> scored.episode().published(), Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                .thenComparingInt(Scored::position));
        return found.stream().map(Scored::episode).toList();
    }

    /** 0 when some term is in neither the title nor the description. */
    private static int score(Episode episode, String[] terms) {
        int score = 0;
        for (String term : terms) {
            boolean inTitle = episode.matchTitle().contains(term);
            boolean inDescription = episode.matchDescription().contains(term);
            if (!inTitle && !inDescription) {
                return 0;
            }
            score += (inTitle ? TITLE_WEIGHT : 0) + (inDescription ? DESCRIPTION_WEIGHT : 0);
        }
        return score;
    }

    private record Scored(Episode episode, int score, int position) {
    }
}
