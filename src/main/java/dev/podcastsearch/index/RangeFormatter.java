package dev.podcastsearch.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's best passage of a field into a {@link Highlight}: the passage's text, without the whitespace
 * around it, and its matches as ranges relative to that text, overlapping or touching ones joined. Lucene counts
 * offsets in Java chars, which are UTF-16 code units.
 */
final class RangeFormatter extends PassageFormatter {

    private final String field;

    RangeFormatter(String field) {
        this.field = field;
    }

    @Override
    public Object format(Passage[] passages, String content) {
        Passage passage = Arrays.stream(passages).filter(found -> found.getNumMatches() > 0).findFirst().orElse(null);
        if (passage == null) {
            return null;
        }
        int start = passage.getStartOffset();
        int end = passage.getEndOffset();
        while (start < end && Character.isWhitespace(content.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
            end--;
        }
        int[][] matches = new int[passage.getNumMatches()][];
        for (int i = 0; i < matches.length; i++) {
            matches[i] = new int[] { Math.max(passage.getMatchStarts()[i], start) - start,
                    Math.min(passage.getMatchEnds()[i], end) - start };
        }
        Arrays.sort(matches, Comparator.comparingInt(match -> match[0]));
        List<List<Integer>> marks = new ArrayList<>();
        int[] open = null;
        for (int[] match : matches) {
            if (open != null && match[0] <= open[1]) {
                open[1] = Math.max(open[1], match[1]);
            } else {
                if (open != null) {
                    marks.add(List.of(open[0], open[1]));
                }
                open = match;
            }
        }
        marks.add(List.of(open[0], open[1]));
        return new Highlight(field, content.substring(start, end), List.copyOf(marks));
    }
}
