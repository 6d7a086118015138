package dev.podcastsearch.support.browser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Without a browser the browser tests fail, and say how to get one; they never skip or download one. */
class SystemChromiumTest {

    @Test
    void missingChromiumFailsWithHowToInstallIt() {
        assertThatThrownBy(() -> SystemChromium.launch(Path.of("/nonexistent/chromium")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Chromium at /nonexistent/chromium")
                .hasMessageContaining("apt-get install -y chromium chromium-driver")
                .hasMessageContaining("-Dbrowser.chromium=");
    }
}
