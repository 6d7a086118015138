package dev.podcastsearch.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.NotAcceptableException;

/**
 * Whether the caller's {@code Accept} header lets the search answer JSON, q-values included (RFC 9110, 12.5.1): the
 * most specific media range that {@code application/json} falls under ({@code application/json}, then
 * {@code application/*}, then {@code *}{@code /*}) decides, and a q-value of 0 means "not this". So
 * {@code application/json;q=0} and {@code *}{@code /*;q=0} exclude JSON, and so does {@code application/json;q=0, *}{@code /*},
 * while {@code text/html, *}{@code /*;q=0.1} allows it. No header, or an empty one, allows anything.
 *
 * <p>
 * This is the one place the rule lives. RESTEasy Reactive checks the media types against {@code @Produces} before the
 * search method runs, and answers an {@code Accept} that names no range JSON falls under with 406 itself, which this
 * agrees with; but it ignores q-values, so without this a range that says "not JSON" would get JSON.
 */
final class AcceptHeader {

    private static final int NO_RANGE = -1;

    private AcceptHeader() {
    }

    /** Refuses with 406 when the {@code Accept} header values (every one the request carries) exclude JSON. */
    static void requireJson(List<String> values) {
        if (!allowsJson(values)) {
            throw new NotAcceptableException();
        }
    }

    static boolean allowsJson(List<String> values) {
        if (values.stream().allMatch(String::isBlank)) {
            return true;
        }
        int bestSpecificity = NO_RANGE;
        BigDecimal weightOfBest = BigDecimal.ZERO;
        for (String value : values) {
            for (String element : value.split(",")) {
                String[] range = element.split(";");
                int specificity = specificityForJson(range[0].strip().toLowerCase(Locale.ROOT));
                if (specificity == NO_RANGE || specificity < bestSpecificity) {
                    continue;
                }
                BigDecimal weight = weight(range);
                if (specificity > bestSpecificity || weight.compareTo(weightOfBest) > 0) {
                    bestSpecificity = specificity;
                    weightOfBest = weight;
                }
            }
        }
        return bestSpecificity != NO_RANGE && weightOfBest.signum() > 0;
    }

    /** 2 for {@code application/json}, 1 for {@code application/*}, 0 for {@code *}{@code /*} (or a bare {@code *}), else none. */
    private static int specificityForJson(String mediaRange) {
        return switch (mediaRange) {
            case "application/json" -> 2;
            case "application/*" -> 1;
            case "*/*", "*" -> 0;
            default -> NO_RANGE;
        };
    }

    /** The range's q-value; 1 when it has none, or one that is not a decimal number (as RESTEasy reads it too). */
    private static BigDecimal weight(String[] range) {
        for (int i = 1; i < range.length; i++) {
            String parameter = range[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("q")) {
                String number = parameter.substring(equals + 1).strip();
                if (number.matches("[0-9]{1,5}(\\.[0-9]{0,5})?")) {
                    return new BigDecimal(number.endsWith(".") ? number + "0" : number);
                }
            }
        }
        return BigDecimal.ONE;
    }
}
