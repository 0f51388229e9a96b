package org.onekeylogin.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ViewportSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven by Playwright for Java, headless. Playwright never downloads a
 * browser here: it starts {@code ONEKEY_CHROMIUM} if set, otherwise Debian's headless
 * shell ({@code /usr/bin/chromium-headless-shell}, package
 * {@code chromium-headless-shell}: the same engine without the desktop browser around it,
 * which opens a new page in a third of the time and takes a screenshot in half),
 * otherwise {@code /usr/bin/chromium}. Every page opened through {@link #device} records
 * its script errors, so a test can fail on a page that broke silently.
 *
 * <p>
 * One browser serves every browser test of a test run ({@link #shared()}): each test
 * class gets it with no device open and no error recorded, and it stops when the run's
 * JVM exits.
 */
public final class Chromium {

    private static Chromium shared;

    private final Playwright playwright;

    private final Browser browser;

    private final List<String> pageErrors = new ArrayList<>();

    private final List<BrowserContext> devices = new ArrayList<>();

    /**
     * The run's browser, started on first use, with the devices of the test class before
     * closed and its script errors forgotten.
     */
    public static synchronized Chromium shared() {
        if (shared == null) {
            shared = new Chromium();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "chromium-shutdown"));
        }
        shared.closeDevices();
        shared.pageErrors.clear();
        return shared;
    }

    private Chromium() {
        Path executable = executable();
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("The browser tests need Debian's Chromium at " + executable
                    + ": install it with 'apt-get install -y chromium-headless-shell' (.ci/run does), "
                    + "or point ONEKEY_CHROMIUM at one.");
        }
        playwright = Playwright
            .create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium()
            .launch(new BrowserType.LaunchOptions().setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    private static Path executable() {
        String chosen = System.getenv("ONEKEY_CHROMIUM");
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        return Stream.of("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(Path.of("/usr/bin/chromium-headless-shell"));
    }

    /**
     * A new browser profile (its own storage, so its own device identity) with one page
     * of the given size.
     */
    public Page device(int width, int height) {
        return device(width, height, null);
    }

    /**
     * A new browser profile as {@link #device(int, int)}, with the browser's language set
     * to the given locale (e.g. {@code zh-CN}; null for the browser's own).
     */
    public Page device(int width, int height, String locale) {
        Browser.NewContextOptions options = new Browser.NewContextOptions()
            .setViewportSize(new ViewportSize(width, height));
        if (locale != null) {
            options.setLocale(locale);
        }
        BrowserContext context = browser.newContext(options);
        context.setDefaultTimeout(15_000);
        devices.add(context);
        Page page = context.newPage();
        page.onPageError(error -> pageErrors.add(page.url() + ": " + error));
        return page;
    }

    /**
     * Closes every device opened so far (their streams end; their sessions stay on the
     * service).
     */
    public void closeDevices() {
        devices.forEach(BrowserContext::close);
        devices.clear();
    }

    /** Script errors seen on any page so far. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    private void close() {
        browser.close();
        playwright.close();
    }

}
