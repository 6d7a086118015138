package dev.podcastsearch.support.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.podcastsearch.support.input.HostileRequest.Expected;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of requests as a careless or hostile caller would send them, for the property-based tests, each made
 * with the answer the API page promises for it ({@link HostileRequest.Expected}): built to be valid or to carry exactly
 * one fault, so that no model of the validation is needed to know the answer.
 *
 * <p>
 * What varies today is the query string, in every part ({@code q}, {@code category}, the filters, {@code sources},
 * {@code sort}, {@code explain}, other, odd and repeated parameters, percent-encoding) and the {@code Accept} header.
 * The method, the raw path, other headers and the event itself are fixed ({@code GET /search}); generators for those
 * belong here as well, beside {@link #refused()}, where one more {@code Tuple.of(weight, kind)} adds them to what
 * every property sends.
 */
public final class HostileRequests {

    private static final List<String> CATEGORIES = List.of("episode", "transcript", "chapter", "all");
    /** The sources of the packaged function under test: the two search APIs' stand-ins. */
    private static final List<String> SOURCE_IDS = List.of("pythonbytes", "talkpython");
    private static final List<String> DATE_PARAMETERS = List.of("published_after", "published_before");
    private static final List<String> DURATION_PARAMETERS = List.of("min_duration", "max_duration");
    /** Each parameter the search reads beside q and category, with a value it takes. */
    private static final Map<String, String> OTHER_PARAMETERS = Map.of("partial", "true", "limit", "5", "offset", "0",
            "published_after", "2024-01-31", "published_before", "2024-01-31T18:30:00Z", "min_duration", "60",
            "max_duration", "3600", "sources", "talkpython", "sort", "newest", "explain", "true");
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    /** Characters a query may hold unencoded (RFC 3986 sub-delimiters, ':', '@', '/', '?'), except '&', '+' and '='. */
    private static final String SAFE_UNENCODED = "!$'()*,;:@/?";
    private static final List<String> NOT_UTF8 = List.of("%FF", "%C3", "%80", "%C0%AF", "%ED%A0%80", "%ED%BF%BF",
            "%F4%90%80%80", "%F8%88%80%80%80", "%E2%82", "%F0%9F%8E");
    private static final List<String> MALFORMED_ESCAPES = List.of("%", "%G1", "%2", "%%", "%zz", "%%41");

    private HostileRequests() {
    }

    /**
     * Searches the function must run: a valid q and category however encoded, and now and then a sort, explain or
     * sources that asks every source, among other parameters, JSON accepted.
     */
    public static Arbitrary<HostileRequest> searches() {
        return Combinators.combine(searchText(), category(), orderAndSources(), noise(), acceptAllowingJson(),
                Arbitraries.randoms())
                .as((text, category, orderAndSources, noise, accept, random) -> {
                    List<String> parts = new ArrayList<>(noise);
                    parts.add(encodedName("q", random) + "=" + encodeValue(text, random));
                    category.ifPresent(value -> parts.add(encodedName("category", random) + "=" + encodeValue(value, random)));
                    orderAndSources.forEach((name, value) -> parts.add(encodedName(name, random) + "="
                            + encodeValue(value, random)));
                    return HostileRequest.search("search", join(parts, random), accept,
                            Expected.search(text.strip(), category.map(c -> c.toLowerCase(Locale.ROOT)).orElse("episode")));
                });
    }

    /** Requests the function must refuse, each with one fault of the kinds api.md's parameter and error tables name. */
    public static Arbitrary<HostileRequest> refused() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, refusedQuery("q missing", Arbitraries.just(List.of()),
                        Expected.invalid("q", "q is required"))),
                Tuple.of(1, refusedQuery("q with another case", searchText().map(text -> List.of("Q=" + percentEncoded(text))),
                        Expected.invalid("q", "q is required"))),
                Tuple.of(2, refusedQuery("q blank", blankText().map(text -> List.of("q=" + percentEncoded(text))),
                        Expected.invalid("q", "q is required"))),
                Tuple.of(2, refusedQuery("q too long", longText().map(text -> List.of("q=" + percentEncoded(text))),
                        Expected.invalid("q", "characters long"))),
                Tuple.of(3, refusedQuery("q with a control character", textWithControlCharacter().map(text -> List.of("q=" + percentEncoded(text))),
                        Expected.invalid("q", "control characters"))),
                Tuple.of(3, refusedQuery("q with bytes that are not UTF-8", textWithBytesThatAreNotUtf8().map(raw -> List.of("q=" + raw)),
                        Expected.invalid("q", "percent-encoded UTF-8"))),
                Tuple.of(2, refusedQuery("q with an unpaired surrogate", textWithUnpairedSurrogate().map(raw -> List.of("q=" + raw)),
                        Expected.unencodedInQuery("q"))),
                Tuple.of(3, refusedQuery("q repeated", repeated("q", searchText()),
                        Expected.invalid("q", "q must be given once"))),
                Tuple.of(3, refusedQuery("category not allowed", wrongCategory().flatMap(category -> searchText().map(text -> List.of(
                        "q=" + percentEncoded(text), "category=" + percentEncoded(category)))),
                        Expected.invalid("category", "episode, transcript, chapter or all"))),
                Tuple.of(2, refusedQuery("category repeated", searchText().flatMap(text -> repeated("category", category(), text)),
                        Expected.invalid("category", "category must be given once"))),
                Tuple.of(3, refusedAlongsideQ("a date that is no RFC 3339 date", Arbitraries.of(DATE_PARAMETERS),
                        wrongDate(), "must be an RFC 3339 date")),
                Tuple.of(3, refusedAlongsideQ("a duration that is no whole number of seconds up to a day",
                        Arbitraries.of(DURATION_PARAMETERS), wrongDuration(),
                        "must be a whole number from 0 to 86400")),
                Tuple.of(3, refusedAlongsideQ("sources naming no source there is", Arbitraries.just("sources"),
                        wrongSources(), "each one of " + String.join(", ", SOURCE_IDS))),
                Tuple.of(2, refusedAlongsideQ("sort not allowed", Arbitraries.just("sort"),
                        wrongWord("relevance", "newest"), "sort must be relevance or newest")),
                Tuple.of(2, refusedAlongsideQ("explain not allowed", Arbitraries.just("explain"),
                        wrongWord("true", "false"), "explain must be true or false")),
                Tuple.of(3, repeatedParameter()),
                Tuple.of(3, notAcceptable()),
                Tuple.of(2, refusedQuery("a % that starts no escape", malformedEscape(),
                        Expected.refusedByTheFront())));
    }

    // ---- the query string

    /** Search text that is valid once trimmed: 1 to 200 code points of any kind but control characters and surrogates. */
    static Arbitrary<String> searchText() {
        Arbitrary<String> core = textCodePoint().list().ofMinSize(1).ofMaxSize(200).map(HostileRequests::string)
                .filter(text -> !text.isBlank());
        Arbitrary<String> padding = Arbitraries.of("", "", "", " ", "  ", "\t", "\n", "\u3000", "\u2003");
        return Combinators.combine(padding, core, padding).as((before, text, after) -> before + text + after)
                .filter(text -> !text.strip().isEmpty() && text.strip().codePoints().noneMatch(Character::isISOControl));
    }

    private static Arbitrary<Integer> textCodePoint() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0x20, 0x7e)), // printable ASCII, every URL delimiter among them
                Tuple.of(2, Arbitraries.integers().between(0xa0, 0x24f)), // Latin-1 (no-break space too) and Latin Extended
                Tuple.of(1, Arbitraries.integers().between(0x300, 0x36f)), // combining marks
                // invisible, bidi controls, line and paragraph separators, BOM, replacement character, noncharacters
                Tuple.of(1, Arbitraries.of(0x200b, 0x200d, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069, 0x2028, 0x2029,
                        0xfeff, 0xfffd, 0xfffe, 0xffff)),
                Tuple.of(1, Arbitraries.integers().between(0x4e00, 0x9fff)), // CJK
                Tuple.of(1, Arbitraries.integers().between(0x1f300, 0x1faff)), // emoji, two UTF-16 units each
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff))); // anything up to the last code point
    }

    private static Arbitrary<String> blankText() {
        return Arbitraries.of(" ", "\u3000", "\u2003", "\u2028").list().ofMinSize(0).ofMaxSize(5).map(spaces -> String.join("", spaces));
    }

    /** 201 to 260 code points, four UTF-16 units some of them, no control characters. */
    private static Arbitrary<String> longText() {
        return textCodePoint().filter(c -> !Character.isWhitespace(c)).list().ofMinSize(201).ofMaxSize(260).map(HostileRequests::string);
    }

    private static Arbitrary<String> textWithControlCharacter() {
        Arbitrary<Integer> control = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0x00, 0x1f)),
                Tuple.of(1, Arbitraries.just(0x7f)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x9f)));
        return Combinators.combine(word(), control, word()).as((before, c, after) -> before + Character.toString(c) + after);
    }

    /** Percent-encoded text with a byte sequence that is no UTF-8 character inserted; already encoded. */
    private static Arbitrary<String> textWithBytesThatAreNotUtf8() {
        return Combinators.combine(word(), Arbitraries.of(NOT_UTF8), word())
                .as((before, bad, after) -> percentEncoded(before) + bad + percentEncoded(after));
    }

    /**
     * An unpaired surrogate, unencoded in the raw query (no HTTP client can send one, an event can), anywhere up to the
     * 200th position, where it once slipped past the length check.
     */
    private static Arbitrary<String> textWithUnpairedSurrogate() {
        Arbitrary<Character> surrogate = Arbitraries.chars().range('\ud800', '\udfff');
        Arbitrary<Integer> position = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 20)), Tuple.of(1, Arbitraries.just(199)));
        return Combinators.combine(surrogate, position).as((s, at) -> "x".repeat(at) + s + (at < 199 ? "y" : ""));
    }

    /** Text that stays valid whatever comes before or after it: no whitespace at its ends. */
    private static Arbitrary<String> word() {
        return textCodePoint().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).list()
                .ofMinSize(1).ofMaxSize(20).map(HostileRequests::string);
    }

    private static Arbitrary<Optional<String>> category() {
        return Arbitraries.of(CATEGORIES).flatMap(HostileRequests::anyAsciiCase).optional(0.6);
    }

    private static Arbitrary<String> anyAsciiCase(String word) {
        return Arbitraries.randoms().map(random -> word.chars()
                .mapToObj(c -> String.valueOf(random.nextBoolean() ? Character.toUpperCase((char) c) : (char) c))
                .collect(Collectors.joining()));
    }

    /** Values that are not a category: look-alikes that Unicode case folding would take, near misses, anything. */
    private static Arbitrary<String> wrongCategory() {
        return Arbitraries.oneOf(
                Arbitraries.of("ep\u0131sode", "tran\u017fcript", "EP\u0130SODE", "\uff41ll", "episod\u0435", "episodes",
                        "all ", " all", "", "*", "episode,all", "transcript\u0000", "al\u200bl"),
                searchText().filter(text -> CATEGORIES.stream().noneMatch(text::equalsIgnoreCase)));
    }

    /** Now and then a sort, explain, or sources naming every source, in any ASCII case where case does not matter. */
    private static Arbitrary<Map<String, String>> orderAndSources() {
        Arbitrary<Optional<String>> sort = Arbitraries.of("relevance", "newest").flatMap(HostileRequests::anyAsciiCase)
                .optional(0.3);
        Arbitrary<Optional<String>> explain = Arbitraries.of("true", "false").flatMap(HostileRequests::anyAsciiCase)
                .optional(0.3);
        Arbitrary<Optional<String>> sources = Arbitraries.of(SOURCE_IDS).list().ofMinSize(2).ofMaxSize(4)
                .filter(ids -> ids.containsAll(SOURCE_IDS)).map(ids -> String.join(",", ids)).optional(0.3);
        return Combinators.combine(sort, explain, sources).as((s, e, ids) -> {
            Map<String, String> given = new LinkedHashMap<>();
            s.ifPresent(value -> given.put("sort", value));
            e.ifPresent(value -> given.put("explain", value));
            ids.ifPresent(value -> given.put("sources", value));
            return given;
        });
    }

    /** Values that are no RFC 3339 date or date-time: near misses, dates that do not exist, anything. */
    private static Arbitrary<String> wrongDate() {
        return Arbitraries.oneOf(
                Arbitraries.of("2024-1-31", "2024-02-30", "20240131", "2024-01-31T10:00Z", "2024-01-31T10:00:00",
                        "2024-01-31T10:00:00+0200", "2024-01-31T10:00:00+24:00", "2024-01-31T24:00:00Z",
                        "2024-01-31 10:00:00Z", "2024-01-31T10:00:00.Z", "+2024-01-31", "2024-01-31Z", "",
                        "\u0662\u0660\u0662\u0664-01-31", "2024\u201001\u201031", "1706659200"),
                searchText().filter(text -> !text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}.*")));
    }

    /** Values that are no whole number of seconds from 0 to 86400. */
    private static Arbitrary<String> wrongDuration() {
        return Arbitraries.oneOf(
                Arbitraries.of("-1", "86401", "99999999999", "+60", "1.5", "1e3", "0x10", "", " 60", "60s", "PT1H",
                        "\u0666\u0660"),
                Arbitraries.integers().between(86_401, Integer.MAX_VALUE).map(String::valueOf),
                searchText().filter(text -> !text.matches("[0-9]+")));
    }

    /** Lists with an id that is no source's: unknown, in another case, empty, with spaces or empty items. */
    private static Arbitrary<String> wrongSources() {
        Arbitrary<String> wrongId = Arbitraries.oneOf(
                Arbitraries.of("", " ", "TalkPython", "talkpython ", " pythonbytes", "talk\u0440ython", "youtube", "*",
                        "talkpython;pythonbytes"),
                searchText().filter(text -> !SOURCE_IDS.contains(text) && !text.contains(",")));
        return Combinators.combine(Arbitraries.of(SOURCE_IDS).list().ofMaxSize(2), wrongId, Arbitraries.randoms())
                .as((known, wrong, random) -> {
                    List<String> ids = new ArrayList<>(known);
                    ids.add(random.nextInt(ids.size() + 1), wrong);
                    return String.join(",", ids);
                });
    }

    /** Values that are neither of two words: look-alikes Unicode case folding would take, near misses, anything. */
    private static Arbitrary<String> wrongWord(String one, String other) {
        return Arbitraries.oneOf(
                Arbitraries.of(one + " ", " " + other, "", one.substring(1), other + "s", one.replace('e', '\u0435'),
                        other.replace('e', '\u0435'), "1", "0", "yes"),
                searchText().filter(text -> !text.equalsIgnoreCase(one) && !text.equalsIgnoreCase(other)));
    }

    /** A valid search with one more parameter whose value breaks its rule; the problem names that parameter. */
    private static Arbitrary<HostileRequest> refusedAlongsideQ(String kind, Arbitrary<String> names,
            Arbitrary<String> values, String detail) {
        return Combinators.combine(names, values).as((name, value) -> Tuple.of(name, value))
                .flatMap(pair -> refusedQuery(kind, searchText().map(text -> List.of("q=" + percentEncoded(text),
                        pair.get1() + "=" + percentEncoded(pair.get2()))), Expected.invalid(pair.get1(), detail)));
    }

    /** A valid search with one of the other parameters given two or three times, valid values or empty ones. */
    private static Arbitrary<HostileRequest> repeatedParameter() {
        return Arbitraries.of(List.copyOf(OTHER_PARAMETERS.keySet())).flatMap(name -> refusedQuery(name + " repeated",
                searchText().flatMap(text -> repeated(name, Arbitraries.just(OTHER_PARAMETERS.get(name)))
                        .map(parts -> {
                            List<String> all = new ArrayList<>(parts);
                            all.add("q=" + percentEncoded(text));
                            return all;
                        })),
                Expected.invalid(name, name + " must be given once")));
    }

    /** Two or three of the parameter, some of them empty or without '=', as {@code q=&q=a} or {@code q&q=a}. */
    private static Arbitrary<List<String>> repeated(String name, Arbitrary<String> values) {
        Arbitrary<String> part = Arbitraries.oneOf(
                values.map(value -> name + "=" + percentEncoded(value)),
                Arbitraries.of(name + "=", name));
        return part.list().ofMinSize(2).ofMaxSize(3);
    }

    private static Arbitrary<List<String>> repeated(String name, Arbitrary<Optional<String>> values, String q) {
        Arbitrary<String> part = Arbitraries.oneOf(
                values.filter(Optional::isPresent).map(value -> name + "=" + value.get()),
                Arbitraries.of(name + "=", name));
        return part.list().ofMinSize(2).ofMaxSize(3).map(parts -> {
            List<String> all = new ArrayList<>(parts);
            all.add("q=" + percentEncoded(q));
            return all;
        });
    }

    /** A valid search with a '%' not followed by two hex digits in some parameter: no valid URI at all. */
    private static Arbitrary<List<String>> malformedEscape() {
        return Combinators.combine(searchText(), Arbitraries.of(MALFORMED_ESCAPES), Arbitraries.of("q", "x", "utm_source"))
                .as((text, bad, name) -> name.equals("q")
                        ? List.of("q=" + percentEncoded(text) + bad)
                        : List.of("q=" + percentEncoded(text), name + "=" + bad));
    }

    /**
     * Other parameters, which the search ignores: look-alike names ({@code Q}, {@code %51}, {@code q%20},
     * {@code CATEGORY}), names that cannot be decoded, values of any kind, even not UTF-8; sometimes over a thousand.
     * Never a name the search reads: q, category, partial, limit, offset, the filters, sources, sort, explain.
     */
    private static Arbitrary<List<String>> noise() {
        Arbitrary<String> name = Arbitraries.of("utm_source", "_", "Q", "%51", "q%20", "%20q", "qq", "q_", "q.", "%FF",
                "q%00", "%71%71", "CATEGORY", "Category", "category%00", "cat", "x", "", "ref", "%E2%80%A8");
        Arbitrary<String> value = Arbitraries.oneOf(
                searchText().map(HostileRequests::percentEncoded),
                Arbitraries.of(NOT_UTF8),
                Arbitraries.just(""));
        Arbitrary<String> parameter = Arbitraries.oneOf(
                Combinators.combine(name, value).as((n, v) -> n + "=" + v),
                name.filter(n -> !n.isEmpty()));
        Arbitrary<List<String>> some = parameter.list().ofMaxSize(6);
        Arbitrary<List<String>> thousands = Arbitraries.integers().between(1_000, 1_100)
                .map(count -> IntStream.range(0, count).mapToObj(i -> "p" + i + "=" + i).toList());
        return Arbitraries.frequencyOf(Tuple.of(30, some), Tuple.of(1, thousands));
    }

    private static Arbitrary<HostileRequest> refusedQuery(String kind, Arbitrary<List<String>> parts, Expected expected) {
        return Combinators.combine(parts, noise(), acceptAllowingJson(), Arbitraries.randoms()).as((own, noise, accept, random) -> {
            List<String> all = new ArrayList<>(noise);
            all.addAll(own);
            return HostileRequest.search(kind, join(all, random), accept, expected);
        });
    }

    /** The parts in any order, with empty parts here and there, which the URL standard skips. */
    private static String join(List<String> parts, Random random) {
        List<String> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, random);
        StringBuilder query = new StringBuilder(random.nextInt(8) == 0 ? "&" : "");
        for (int i = 0; i < shuffled.size(); i++) {
            query.append(i == 0 ? "" : random.nextInt(8) == 0 ? "&&" : "&").append(shuffled.get(i));
        }
        return query.append(random.nextInt(8) == 0 ? "&" : "").toString();
    }

    // ---- the Accept header

    private static final List<String> JSON_RANGES = List.of("*/*", "application/*", "application/json");
    private static final List<String> OTHER_RANGES = List.of("text/html", "application/xml", "image/*", "text/*",
            "application/problem+json", "application/json-seq", "application/jsonx");

    /**
     * No Accept header, or one whose most specific range covering JSON has a q-value above 0, among less specific
     * ranges and ranges for other types with any q-value.
     */
    private static Arbitrary<Map<String, String>> acceptAllowingJson() {
        Arbitrary<Map<String, String>> given = Arbitraries.integers().between(0, JSON_RANGES.size() - 1)
                .flatMap(decisive -> accept(JSON_RANGES.get(decisive), positiveWeight(), decisive));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Map.of())), Tuple.of(2, given));
    }

    /** Accept headers whose most specific range covering JSON has q=0, or with no range covering JSON at all. */
    private static Arbitrary<HostileRequest> notAcceptable() {
        Arbitrary<Map<String, String>> zero = Arbitraries.integers().between(0, JSON_RANGES.size() - 1)
                .flatMap(decisive -> accept(JSON_RANGES.get(decisive), Arbitraries.of(";q=0", ";q=0.0", "; q=0.000", ";Q=0"), decisive));
        Arbitrary<Map<String, String>> otherTypesOnly = otherRanges().filter(ranges -> !ranges.isEmpty())
                .map(ranges -> Map.of("accept", String.join(", ", ranges)));
        return Combinators.combine(Arbitraries.oneOf(zero, otherTypesOnly), searchText(), Arbitraries.randoms())
                .as((accept, text, random) -> HostileRequest.search("Accept excluding JSON",
                        encodedName("q", random) + "=" + encodeValue(text, random), accept, Expected.notAcceptable()));
    }

    /** The decisive range with its weight, less specific ranges covering JSON with any weight, other types. */
    private static Arbitrary<Map<String, String>> accept(String decisive, Arbitrary<String> decisiveWeight, int specificity) {
        Arbitrary<List<String>> lessSpecific = specificity == 0 ? Arbitraries.just(List.of())
                : Arbitraries.of(JSON_RANGES.subList(0, specificity)).flatMap(range -> anyWeight().map(weight -> range + weight))
                        .list().ofMaxSize(specificity).uniqueElements();
        return Combinators.combine(decisiveWeight, lessSpecific, otherRanges(), Arbitraries.randoms())
                .as((weight, less, others, random) -> {
                    List<String> ranges = new ArrayList<>(less);
                    ranges.addAll(others);
                    ranges.add(decisive + weight);
                    Collections.shuffle(ranges, random);
                    return Map.of("accept", String.join(random.nextBoolean() ? ", " : ",", ranges));
                });
    }

    private static Arbitrary<List<String>> otherRanges() {
        return Combinators.combine(Arbitraries.of(OTHER_RANGES), anyWeight()).as((range, weight) -> range + weight)
                .list().ofMaxSize(3);
    }

    private static Arbitrary<String> positiveWeight() {
        return Arbitraries.of("", "", ";q=1", ";q=0.5", "; q=0.001", ";Q=1.000", ";q=0.9;level=1");
    }

    private static Arbitrary<String> anyWeight() {
        return Arbitraries.oneOf(positiveWeight(), Arbitraries.of(";q=0", "; q=0.0"));
    }

    // ---- encoding

    /** Each character as UTF-8 bytes, percent-encoded, upper-case hex: what URLEncoder sends, without its '+'. */
    static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(String.format("%%%02X", b & 0xff));
        }
        return encoded.toString();
    }

    /** A value as different clients encode it: unreserved characters as they are or escaped, hex in either case, '+' or %20. */
    static String encodeValue(String text, Random random) {
        StringBuilder encoded = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == ' ') {
                encoded.append(random.nextBoolean() ? "+" : "%20");
            } else if (c < 0x80 && (UNRESERVED.indexOf(c) >= 0 || SAFE_UNENCODED.indexOf(c) >= 0 || c == '=')
                    && random.nextInt(4) > 0) {
                encoded.append((char) c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    String hex = String.format("%02X", b & 0xff);
                    encoded.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT));
                }
            }
        });
        return encoded.toString();
    }

    /** A name the search reads, now and then percent-encoded ({@code %71} is q). */
    private static String encodedName(String name, Random random) {
        return random.nextInt(6) == 0 ? percentEncoded(name) : name;
    }

    private static String string(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }
}
