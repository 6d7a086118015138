package dev.podcastsearch.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Escapes, in every console log message, the characters that some viewer takes for the end of a line or for a
 * terminal command, and that the JSON log would otherwise leave raw: U+2028 and U+2029, the C1 controls (U+0085 is
 * a line break to some), and C0 controls other than tab, CR and LF (which JSON escapes itself, and which Quarkus's
 * multi-line messages in dev mode need). The function's own request line escapes all of these and more; this is for
 * the lines of every library, whatever they copy into their messages.
 */
@LoggingFilter(name = LineBreaksEscaped.NAME)
public final class LineBreaksEscaped implements Filter {

    static final String NAME = "line-breaks-escaped";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            if (message != null && needsEscaping(message)) {
                ext.setMessage(escaped(message), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        return true;
    }

    static boolean isUnsafe(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029';
    }

    private static boolean needsEscaping(String message) {
        for (int i = 0; i < message.length(); i++) {
            if (isUnsafe(message.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String escaped(String message) {
        StringBuilder safe = new StringBuilder(message.length() + 16);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (isUnsafe(c)) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
