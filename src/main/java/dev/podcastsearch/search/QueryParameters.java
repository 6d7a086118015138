package dev.podcastsearch.search;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query string as the function reads it, the one place that does: split on {@code &} only, each part a name and,
 * after its first {@code =}, a value; {@code +} is a space, as in forms; percent-encoding is decoded strictly as UTF-8;
 * names are case-sensitive ({@code Q} is not {@code q}); there is no limit on how many parameters there are.
 *
 * <p>
 * Read from the raw query, not from the parameters the layers below have parsed: those split on {@code ;} as well,
 * match names in any case, stop after 1024 parameters, and turn bytes that are not UTF-8 into U+FFFD, so that a real
 * U+FFFD can no longer be told from them.
 */
public final class QueryParameters {

    private final List<Part> parts;

    private QueryParameters(List<Part> parts) {
        this.parts = parts;
    }

    /** The query string as sent, without the {@code ?}; null or empty for none. */
    public static QueryParameters parse(String rawQuery) {
        List<Part> parts = new ArrayList<>();
        if (rawQuery != null) {
            for (String part : rawQuery.split("&", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                int equals = part.indexOf('=');
                String rawName = equals < 0 ? part : part.substring(0, equals);
                String rawValue = equals < 0 ? "" : part.substring(equals + 1);
                parts.add(new Part(decode(rawName).orElse(null), rawValue));
            }
        }
        return new QueryParameters(List.copyOf(parts));
    }

    /**
     * These parameters without the ones given with an empty value ({@code published_after=}): the page's form sends
     * every field, filled in or not, and an empty field means the filter is not wanted.
     */
    public QueryParameters withoutEmptyValues() {
        return new QueryParameters(parts.stream().filter(part -> !part.rawValue().isEmpty()).toList());
    }

    /**
     * The value of a parameter that may be given at most once: empty when it is not given, refused when it is given
     * more than once, even if some of the values are empty ({@code q=&q=rust}, {@code q&q=rust}).
     */
    public Optional<String> single(String name) {
        List<String> values = rawValues(name);
        if (values.size() > 1) {
            throw new InvalidParameter(name, name + " must be given once, not " + values.size() + " times");
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decode(values.get(0)).orElseThrow(() -> new InvalidParameter(name,
                name + " must be percent-encoded UTF-8 text (every character outside ASCII percent-encoded as"
                        + " UTF-8); it contains bytes that are not UTF-8")));
    }

    /**
     * Every value of a parameter, for the request log: decoded where that is possible, otherwise as sent, so that a
     * refused value can still be read in the log.
     */
    public List<String> valuesAsSent(String name) {
        return rawValues(name).stream().map(raw -> decode(raw).orElse(raw)).toList();
    }

    private List<String> rawValues(String name) {
        return parts.stream().filter(part -> name.equals(part.name())).map(Part::rawValue).toList();
    }

    /**
     * {@code +} as a space, {@code %XX} as a byte, and the bytes decoded as UTF-8; empty if a {@code %} is not followed
     * by two hex digits, or the bytes are not UTF-8 (an overlong form, an encoded surrogate, a code point beyond
     * U+10FFFF), or a character is not ASCII ({@link RequestTarget} has percent-encoded every other one).
     */
    static Optional<String> decode(String raw) {
        if (raw.chars().anyMatch(c -> c >= 0x80)) {
            return Optional.empty();
        }
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return Optional.of(raw);
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else {
                bytes.put((byte) (c == '+' ? ' ' : c));
            }
        }
        bytes.flip();
        try {
            return Optional.of(strictUtf8().decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Refuses what is not UTF-8 instead of replacing it with U+FFFD, so that a real U+FFFD stays itself. */
    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** A parameter as sent; {@code name} is decoded, null if it could not be (then no parameter that is read). */
    private record Part(String name, String rawValue) {
    }
}
