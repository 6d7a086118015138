package dev.podcastsearch.support.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * The system's headless Chromium, driven by Playwright. Nothing is ever downloaded: Playwright's browser download is
 * off, and it is pointed at the Chromium that the system's package manager installed. Without one, the browser tests
 * fail, saying how to install it; they never skip.
 */
public final class SystemChromium implements AutoCloseable {

    /** Debian's chromium package; another with {@code -Dbrowser.chromium=/path/to/chromium}. */
    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private final Playwright playwright;
    private final Browser browser;

    private SystemChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static SystemChromium launch() {
        return launch(CHROMIUM);
    }

    static SystemChromium launch(Path chromium) {
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("The browser tests need Chromium at " + chromium + ", and none is there."
                    + " On Debian or Ubuntu: sudo apt-get install -y chromium chromium-driver (elsewhere, install"
                    + " Chromium and run with -Dbrowser.chromium=/path/to/chromium). No browser is ever downloaded.");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(FLAGS));
            return new SystemChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
