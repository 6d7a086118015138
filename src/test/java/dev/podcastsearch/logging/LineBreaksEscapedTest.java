package dev.podcastsearch.logging;

import static org.assertj.core.api.Assertions.assertThat;


import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class LineBreaksEscapedTest {

    private final LineBreaksEscaped filter = new LineBreaksEscaped();

    @Test
    void lineSeparatorsAndC1ControlsAreEscapedInTheFormattedMessage() {
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.ERROR, "HTTP Request to %s failed", ExtLogRecord.FormatStyle.PRINTF,
                getClass().getName());
        record.setParameters(new Object[] { "/a\u2028b\u2029c\u0085d\u001be" });

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("HTTP Request to /a\\u2028b\\u2029c\\u0085d\\u001be failed");
    }

    @Test
    void tabsAndNewlinesOfMultiLineMessagesStay() {
        ExtLogRecord record = new ExtLogRecord(java.util.logging.Level.INFO, "first\n\tsecond", getClass().getName());

        filter.isLoggable(record);

        assertThat(record.getFormattedMessage()).isEqualTo("first\n\tsecond");
    }
}
