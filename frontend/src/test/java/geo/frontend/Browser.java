package geo.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through the system's chromedriver (Debian: packages chromium and chromium-driver), with
 * no download of any driver or browser. CHROMIUM and CHROMEDRIVER name other binaries.
 */
final class Browser implements AutoCloseable {

    /** A desktop window, and a phone: 360 CSS pixels wide, the narrowest common one. */
    enum Screen {
        DESKTOP(1280, 1000, 1, false),
        PHONE(360, 780, 2, true);

        final int width;
        final int height;
        final int scale;
        final boolean mobile;

        Screen(int width, int height, int scale, boolean mobile) {
            this.width = width;
            this.height = height;
            this.scale = scale;
            this.mobile = mobile;
        }
    }

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
            throw new IllegalStateException("the browser tests need Chromium and its driver at " + chromium + " and "
                    + chromedriver + " (Debian/Ubuntu: apt-get install chromium chromium-driver), or CHROMIUM and "
                    + "CHROMEDRIVER set to them");
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium)
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--disable-background-networking", "--disable-extensions", "--no-first-run",
                        "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return new Browser(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Lays the page out as on that screen, in the light or dark colour scheme. */
    void emulate(Screen screen, boolean dark) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", screen.width,
                "height", screen.height, "deviceScaleFactor", screen.scale, "mobile", screen.mobile));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** The HTTP status of the page now shown, as the browser received it. */
    long status() {
        return (Long) driver.executeScript(
                "return performance.getEntriesByType('navigation')[0].responseStatus;");
    }

    /** Whether the page is wider than the screen, so that the visitor would have to scroll sideways. */
    boolean scrollsSideways() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    }

    /** Every URL the page loaded, itself and what it fetched for itself (style sheets, images…). */
    @SuppressWarnings("unchecked")
    List<String> loadedUrls() {
        return (List<String>) driver.executeScript("return performance.getEntries()"
                + ".filter(e => e.entryType === 'navigation' || e.entryType === 'resource').map(e => e.name);");
    }

    /** Saves what the screen shows to target/screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
