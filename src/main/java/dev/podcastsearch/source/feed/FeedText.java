package dev.podcastsearch.source.feed;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;

/**
 * A feed's text as the function shows and searches it. Descriptions are HTML more often than not (in CDATA or
 * escaped); shown and searched, they are plain text: scripts and styles dropped with their content, every other tag
 * dropped, HTML's character references decoded, runs of whitespace made one space. This is for text that is
 * only ever shown as text (the JSON answer), never for making HTML safe.
 */
final class FeedText {

    /** The longest description a hit shows, in characters; a longer one is cut at a word and ends with "…". */
    static final int DESCRIPTION_LENGTH = 300;
    /** The most of a description that is searched, in characters; a feed's show notes rarely run longer. */
    static final int SEARCHED_LENGTH = 10_000;

    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?(</\\1\\s*>|$)");
    private static final Pattern TAG = Pattern.compile("(?s)<!--.*?(?:-->|$)|<[/!?]?([A-Za-z][A-Za-z0-9]*)[^>]*(?:>|$)");
    /** Tags that break a line, and so separate words; any other tag ({@code <em>}, {@code <a>}) joins its text. */
    private static final Pattern BREAKING = Pattern.compile("(?i)p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|hr");
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

    private FeedText() {
    }

    /**
     * HTML (or plain text) as plain text on one line, in Unicode's composed form (NFC): an accent a feed writes as a
     * combining mark joins its letter, so the index folds it as it folds a precomposed one.
     */
    static String plain(String html) {
        if (html == null) {
            return "";
        }
        String text = SCRIPT_OR_STYLE.matcher(html).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(tag -> tag.group(1) == null || BREAKING.matcher(tag.group(1)).matches() ? " " : "");
        text = decodeReferences(text);
        return Normalizer.normalize(WHITESPACE.matcher(text).replaceAll(" ").strip(), Normalizer.Form.NFC);
    }

    /** At most {@link #DESCRIPTION_LENGTH} characters, cut at the last space before the limit, never inside a pair. */
    static String trimmed(String text) {
        if (text.length() <= DESCRIPTION_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
        if (cut < DESCRIPTION_LENGTH / 2) {
            cut = DESCRIPTION_LENGTH - 1;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut).strip() + "…";
    }

    private static String decodeReferences(String text) {
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder decoded = new StringBuilder(text.length());
        while (reference.find()) {
            reference.appendReplacement(decoded, Matcher.quoteReplacement(decode(reference.group(1))));
        }
        reference.appendTail(decoded);
        return decoded.toString();
    }

    private static String decode(String name) {
        if (name.startsWith("#")) {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            boolean shown = Character.isValidCodePoint(codePoint) && !Character.isISOControl(codePoint)
                    && Character.getType(codePoint) != Character.SURROGATE;
            return shown ? new String(Character.toChars(codePoint)) : " ";
        }
        String xml = xmlEntity(name);
        if (xml != null) {
            return xml;
        }
        // HTML's named references, as jsoup knows them; an unknown name stays as it was written.
        return Entities.isNamedEntity(name) ? Entities.getByName(name) : "&" + name + ";";
    }

    /**
     * The character one of XML's five predefined entities stands for, else null. Read here without jsoup, whose
     * table of HTML's two thousand names takes some 60 to 100 ms to load: most feeds use no other name.
     */
    static String xmlEntity(String name) {
        switch (name) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            default: return null;
        }
    }
}
