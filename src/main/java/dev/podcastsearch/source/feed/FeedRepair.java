package dev.podcastsearch.source.feed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;

/**
 * The lenient half of reading a feed: a copy of a document the XML reader refused, with the three faults that podcast
 * apps read past and real feeds have made well-formed, to be read again by the same strict reader (so every bound and
 * every refusal of the first reading holds for the second; nothing else is guessed at):
 * <ul>
 * <li>an HTML entity, such as {@code &nbsp;} or {@code &eacute;}, which XML does not define, becomes the character
 * reference HTML gives it (names as jsoup knows them, which is HTML's list);</li>
 * <li>an ampersand that starts no reference ({@code Q&A}, {@code &unknown;}) becomes {@code &amp;};</li>
 * <li>a character XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF, a lone surrogate) is dropped, as is a
 * character reference to one.</li>
 * </ul>
 * CDATA sections and comments are copied as they are, but for the characters dropped. One pass, time and memory in
 * proportion to the text.
 */
final class FeedRepair {

    private static final Pattern REFERENCE = Pattern.compile(
            "&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));");
    private static final int MAX_REFERENCE = 40;
    private static final String[] VERBATIM = { "<![CDATA[", "]]>", "<!--", "-->" };

    private FeedRepair() {
    }

    static String repaired(String text) {
        StringBuilder repaired = new StringBuilder(text.length() + 64);
        Matcher reference = REFERENCE.matcher(text);
        int at = 0;
        while (at < text.length()) {
            int verbatimEnd = verbatimEnd(text, at);
            if (verbatimEnd > at) {
                appendAllowed(repaired, text, at, verbatimEnd);
                at = verbatimEnd;
            } else if (text.charAt(at) == '&') {
                at = reference(repaired, text, reference, at);
            } else {
                int codePoint = text.codePointAt(at);
                if (allowed(codePoint)) {
                    repaired.appendCodePoint(codePoint);
                }
                at += Character.charCount(codePoint);
            }
        }
        return repaired.toString();
    }

    /** Where the CDATA section or comment starting at {@code at} ends (the whole rest if it is not closed), else at. */
    private static int verbatimEnd(String text, int at) {
        if (text.charAt(at) != '<') {
            return at;
        }
        for (int i = 0; i < VERBATIM.length; i += 2) {
            if (text.startsWith(VERBATIM[i], at)) {
                int close = text.indexOf(VERBATIM[i + 1], at + VERBATIM[i].length());
                return close < 0 ? text.length() : close + VERBATIM[i + 1].length();
            }
        }
        return at;
    }

    private static int reference(StringBuilder repaired, String text, Matcher reference, int at) {
        // Anchored and short: a search from here on would make many lone ampersands take quadratic time.
        reference.region(at, Math.min(text.length(), at + MAX_REFERENCE));
        if (!reference.lookingAt()) {
            repaired.append("&amp;");
            return at + 1;
        }
        String name = reference.group(3);
        if (name == null) {
            String digits = reference.group(1) != null ? reference.group(1) : reference.group(2);
            int codePoint = Integer.parseInt(digits, reference.group(1) != null ? 10 : 16);
            if (allowed(codePoint)) {
                repaired.append(reference.group());
            }
        } else if (FeedText.xmlEntity(name) != null) {
            repaired.append(reference.group());
        } else if (Entities.isNamedEntity(name)) {
            Entities.getByName(name).codePoints().forEach(codePoint -> repaired.append("&#").append(codePoint).append(';'));
        } else {
            repaired.append("&amp;");
            return at + 1;
        }
        return reference.end();
    }

    private static void appendAllowed(StringBuilder repaired, String text, int from, int to) {
        text.substring(from, to).codePoints().filter(FeedRepair::allowed).forEach(repaired::appendCodePoint);
    }

    /** XML 1.0's Char production. */
    private static boolean allowed(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }
}
