package dev.podcastsearch.source.feed;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feed's bytes as text, decoded the way browsers and podcast apps decode them rather than as a strict XML reader
 * would: a byte-order mark wins, then the XML declaration's {@code encoding}, else UTF-8. Labels are read as the
 * WHATWG Encoding standard reads them, so {@code iso-8859-1}, {@code latin1} and {@code us-ascii} mean windows-1252
 * (real feeds that say ISO-8859-1 hold windows-1252's curly quotes at 0x91-0x94). Bytes that do not decode become
 * U+FFFD instead of failing the feed.
 */
final class FeedCharset {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** The WHATWG labels of windows-1252. */
    private static final Set<String> WINDOWS_1252_LABELS = Set.of("ansi_x3.4-1968", "ascii", "cp1252", "cp819",
            "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
            "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252");
    /** How far into the body the declaration is looked for: it comes first, after at most some whitespace. */
    private static final int DECLARATION_REACH = 1024;
    private static final Pattern DECLARED = Pattern.compile(
            "^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");

    private FeedCharset() {
    }

    /** The body as text, without its byte-order mark. */
    static String decode(byte[] body) {
        if (starts(body, 0xEF, 0xBB, 0xBF)) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        if (starts(body, 0xFE, 0xFF)) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
        }
        if (starts(body, 0xFF, 0xFE)) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
        }
        // UTF-16 without a mark, recognised by how "<" looks in it (XML 1.0, appendix F).
        if (starts(body, 0x00, 0x3C, 0x00)) {
            return new String(body, StandardCharsets.UTF_16BE);
        }
        if (starts(body, 0x3C, 0x00, 0x3F, 0x00)) {
            return new String(body, StandardCharsets.UTF_16LE);
        }
        return new String(body, declared(body));
    }

    /** The charset the declaration names, as WHATWG maps its label; UTF-8 when it names none this JDK has. */
    private static Charset declared(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, DECLARATION_REACH), StandardCharsets.ISO_8859_1);
        Matcher declaration = DECLARED.matcher(head);
        if (!declaration.find()) {
            return StandardCharsets.UTF_8;
        }
        String label = declaration.group(1).toLowerCase(Locale.ROOT);
        if (WINDOWS_1252_LABELS.contains(label)) {
            return WINDOWS_1252;
        }
        Charset charset;
        try {
            charset = Charset.forName(label);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
        }
        // A declaration just read as ASCII is in an ASCII-compatible encoding, whatever it says (a document that
        // says UTF-16 here is read as UTF-8, as WHATWG reads it).
        String ascii = declaration.group();
        return ascii.equals(new String(ascii.getBytes(StandardCharsets.ISO_8859_1), charset)) ? charset
                : StandardCharsets.UTF_8;
    }

    private static boolean starts(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
