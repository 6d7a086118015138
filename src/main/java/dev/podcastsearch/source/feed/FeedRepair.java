package dev.podcastsearch.source.feed;

import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;

/**
 * The lenient half of reading a feed: a document the XML reader refused, read again with the three faults that podcast
 * apps read past and real feeds have made well-formed, by the same strict reader (so every bound and every refusal of
 * the first reading holds for the second; nothing else is guessed at):
 * <ul>
 * <li>an HTML entity, such as {@code &nbsp;} or {@code &eacute;}, which XML does not define, becomes the character
 * reference HTML gives it (names as jsoup knows them, which is HTML's list);</li>
 * <li>an ampersand that starts no reference ({@code Q&A}, {@code &unknown;}) becomes {@code &amp;};</li>
 * <li>a character XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF, a lone surrogate) is dropped, as is a
 * character reference to one.</li>
 * </ul>
 * CDATA sections and comments are passed on as they are, but for the characters dropped. A reader, repairing as it is
 * read: no copy of the document is made, however many ampersands it has, and the time taken is in proportion to it.
 */
final class FeedRepair extends Reader {

    private static final Pattern REFERENCE = Pattern.compile(
            "&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));");
    /** How far past an ampersand a reference is looked for: the longest the pattern matches. */
    private static final int MAX_REFERENCE = 40;
    private static final String[] VERBATIM = { "<![CDATA[", "]]>", "<!--", "-->" };

    private final String text;
    private final Matcher reference;
    private int at;
    /** Where the CDATA section or comment being passed on ends; at or before {@code at} outside one. */
    private int verbatimEnd;
    /** A repaired reference not yet read, and how much of it has been. */
    private String pending = "";
    private int pendingAt;
    private long read;

    FeedRepair(String text) {
        this.text = text;
        this.reference = REFERENCE.matcher(text);
    }

    /** Whether the whole text has been read, and {@code offset} (in repaired text) is at or past its end. */
    boolean endsBy(long offset) {
        return at >= text.length() && pendingAt >= pending.length() && offset >= read;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        int filled = 0;
        while (filled < length) {
            if (pendingAt < pending.length()) {
                buffer[offset + filled++] = pending.charAt(pendingAt++);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char c = text.charAt(at);
            if (at >= verbatimEnd && c == '<') {
                verbatimEnd = verbatimEnd(at);
            }
            if (at >= verbatimEnd && c == '&') {
                pending = reference();
                pendingAt = 0;
            } else if (Character.isHighSurrogate(c) && at + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(at + 1))) {
                pending = text.substring(at, at + 2);
                pendingAt = 0;
                at += 2;
            } else {
                if (allowed(c)) {
                    buffer[offset + filled++] = c;
                }
                at++;
            }
        }
        read += filled;
        return filled == 0 && length > 0 ? -1 : filled;
    }

    @Override
    public void close() {
        // Nothing held but the text, which the caller owns.
    }

    /** Where the CDATA section or comment starting at {@code from} ends (the whole rest if it is not closed), else from. */
    private int verbatimEnd(int from) {
        for (int i = 0; i < VERBATIM.length; i += 2) {
            if (text.startsWith(VERBATIM[i], from)) {
                int close = text.indexOf(VERBATIM[i + 1], from + VERBATIM[i].length());
                return close < 0 ? text.length() : close + VERBATIM[i + 1].length();
            }
        }
        return from;
    }

    /** The repair of the ampersand at {@code at}, which it moves past. */
    private String reference() {
        // Anchored and short: a search from here on would make many lone ampersands take quadratic time.
        reference.region(at, Math.min(text.length(), at + MAX_REFERENCE));
        if (!reference.lookingAt()) {
            at++;
            return "&amp;";
        }
        String name = reference.group(3);
        String repaired;
        if (name == null) {
            String digits = reference.group(1) != null ? reference.group(1) : reference.group(2);
            repaired = allowed(Integer.parseInt(digits, reference.group(1) != null ? 10 : 16)) ? reference.group() : "";
        } else if (FeedText.xmlEntity(name) != null) {
            repaired = reference.group();
        } else if (Entities.isNamedEntity(name)) {
            StringBuilder references = new StringBuilder();
            Entities.getByName(name).codePoints().forEach(codePoint -> references.append("&#").append(codePoint).append(';'));
            repaired = references.toString();
        } else {
            at++;
            return "&amp;";
        }
        at = reference.end();
        return repaired;
    }

    /** XML 1.0's Char production; a surrogate is allowed only as half of a pair, which is checked before. */
    private static boolean allowed(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }
}
