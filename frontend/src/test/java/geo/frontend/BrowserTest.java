package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.testing.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * geo-frontend as a person uses it: in headless Chromium, against the real geo-frontend and geo-api on loopback
 * ports (ipgeolocation.io faked over HTTP). Screenshots land in frontend/target/screenshots.
 */
class BrowserTest {

    private static FrontendFixture site;
    private static Browser browser;
    private static ChromeDriver driver;
    private static String home;

    @BeforeAll
    static void start() {
        site = FrontendFixture.start();
        browser = Browser.start();
        driver = browser.driver();
        home = "http://127.0.0.1:" + site.port() + "/";
    }

    @AfterAll
    static void stop() {
        browser.close();
        site.close();
    }

    @BeforeEach
    void desktopInLightColours() {
        browser.emulate(Browser.Screen.DESKTOP, false);
    }

    @AfterEach
    void providerAnswersNormally() {
        site.api().provider().city("Mountain View");
    }

    @Test
    void typingAnAddressAndSubmittingShowsItsLocation() {
        driver.get(home);
        WebElement field = driver.findElement(By.id("ip"));
        assertEquals("IP address", driver.findElement(By.cssSelector("label[for=ip]")).getText());

        field.clear();
        field.sendKeys("  8.8.8.8  ");
        driver.findElement(By.cssSelector("form.lookup button[type=submit]")).click();
        awaitResultFor("8.8.8.8");

        assertEquals(200, browser.status());
        assertEquals("Mountain View, California, United States", text(".where"));
        assertEquals("Mountain View", cell("city"));
        assertEquals("America/Los_Angeles", cell("time_zone.name"));
        assertEquals("USD", cell("currency.code"));
        assertEquals(List.of("LOCATION", "NETWORK", "TIME ZONE", "CURRENCY"),
                driver.findElements(By.cssSelector(".result h3")).stream().map(WebElement::getText).toList());
        assertEquals("8.8.8.8", driver.findElement(By.id("ip")).getDomProperty("value"));
        browser.screenshot("desktop-light");
    }

    @Test
    void severalAddressesTypedOnePerLineAreShownAsOneTable() {
        driver.get(home);
        driver.findElement(By.cssSelector("details.several summary")).click();
        WebElement field = driver.findElement(By.id("ips"));
        field.sendKeys("8.8.8.8\n1.1.1.1\n10.0.0.1\n2001:4860:4860::8888");
        driver.findElement(By.cssSelector("form.lookup-several button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".several-table")));

        assertEquals(200, browser.status());
        List<WebElement> rows = driver.findElements(By.cssSelector(".several-table tbody tr"));
        assertEquals(List.of("8.8.8.8", "1.1.1.1", "10.0.0.1", "2001:4860:4860::8888"),
                rows.stream().map(row -> row.getDomAttribute("data-ip")).toList());
        assertTrue(rows.get(1).getText().contains("Mountain View, California, United States"), rows.get(1).getText());
        assertTrue(rows.get(2).getText().contains("10.0.0.1 is a private address"), rows.get(2).getText());
        browser.screenshot("desktop-several");

        rows.get(0).findElement(By.linkText("8.8.8.8")).click();
        awaitResultFor("8.8.8.8");
    }

    @Test
    void theMarkerSitsAtTheAddressesCoordinatesOnTheMap() {
        driver.get(home + "?ip=8.8.8.8");
        assertEquals("37.42240, -122.08421", text(".coordinates"));

        Map<String, Double> map = box(".map");
        Map<String, Double> marker = box(".map .marker");
        double markerX = (marker.get("x") + marker.get("width") / 2 - map.get("x")) / map.get("width");
        double markerY = (marker.get("y") + marker.get("height") / 2 - map.get("y")) / map.get("height");

        // The map spans longitudes -180..180 and latitudes 84..-60, evenly.
        assertEquals((-122.08421 + 180) / 360, markerX, 0.005);
        assertEquals((84 - 37.42240) / (84 + 60), markerY, 0.005);
        assertTrue(driver.findElement(By.linkText("Open in OpenStreetMap")).getDomAttribute("href")
                .startsWith("https://www.openstreetmap.org/?mlat=37.42240&mlon=-122.08421"));
    }

    @Test
    void theMapDrawsTheLandFromItsOwnImageInTheStyleSheetsColour() {
        driver.get(home + "?ip=8.8.8.8");

        // The land outline spans nearly every longitude: drawn, it is nearly as wide as the map; not loaded, nothing.
        assertTrue(box(".map .land").get("width") > 0.95 * box(".map").get("width"), box(".map .land").toString());
        assertEquals("rgb(197, 209, 222)", driver.executeScript(
                "return getComputedStyle(document.querySelector('.map .land')).fill;"));
        assertTrue(browser.loadedUrls().contains(home + "world-land.svg#land"), browser.loadedUrls().toString());
    }

    @Test
    void theBackButtonAndASharedLinkShowTheSameResult() {
        driver.get(home + "?ip=8.8.8.8");
        submit("1.1.1.1");
        awaitResultFor("1.1.1.1");

        driver.navigate().back();
        awaitResultFor("8.8.8.8");
        assertEquals("Mountain View, California, United States", text(".where"));

        String shared = driver.getCurrentUrl();
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
        driver.get(shared);
        awaitResultFor("8.8.8.8");
        assertEquals("Mountain View", cell("city"));
        assertEquals("8.8.8.8", driver.findElement(By.id("ip")).getDomProperty("value"));
    }

    @Test
    void aProviderValueWithMarkupIsShownAsTextAndRunsNothing() {
        String hostile = "<img src=x onerror=alert(1)>";
        site.api().provider().city(hostile);

        driver.get(home + "?ip=9.9.9.9");

        assertEquals(hostile, cell("city"));
        assertTrue(text(".where").startsWith(hostile), text(".where"));
        assertTrue(driver.findElements(By.cssSelector("img")).isEmpty());
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        assertTrue(driver.findElements(By.tagName("script")).isEmpty());
    }

    @Test
    void aBadAddressIsExplainedNextToTheFieldWith400() {
        driver.get(home);
        submit("example.com");

        assertEquals(400, browser.status());
        WebElement field = driver.findElement(By.id("ip"));
        assertEquals("true", field.getDomAttribute("aria-invalid"));
        assertEquals("ip-problem", field.getDomAttribute("aria-describedby"));
        assertTrue(text("#ip-problem").contains("'example.com' is not an IPv4 or IPv6 address"), text("#ip-problem"));
        assertEquals("example.com", field.getDomProperty("value"));
        browser.screenshot("desktop-bad-address");
    }

    @Test
    void aPrivateAddressIsExplainedWith422() {
        driver.get(home + "?ip=10.0.0.1");

        assertEquals(422, browser.status());
        assertTrue(text("#ip-problem").contains("10.0.0.1 is a private address"), text("#ip-problem"));
    }

    @Test
    void anUnreachableApiIsAFriendly502Page() {
        try (GeoFrontend orphan = FrontendFixture.startFrontend(Map.of("API_SERVER_PORT",
                Integer.toString(TestHttp.closedPort())))) {
            driver.get("http://127.0.0.1:" + orphan.port() + "/?ip=8.8.8.8");

            assertEquals(502, browser.status());
            assertEquals("geo-api is not answering", text(".notice h2"));
            assertTrue(text(".notice p").contains("Please try again in a moment"), text(".notice p"));
            assertEquals("8.8.8.8", driver.findElement(By.id("ip")).getDomProperty("value"));
            browser.screenshot("desktop-api-unreachable");
        }
    }

    @Test
    void theRawJsonLinkShowsTheApisAnswer() {
        driver.get(home + "?ip=8.8.8.8");
        driver.findElement(By.linkText("Raw JSON")).click();

        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/json?ip=8.8.8.8"));
        assertTrue(driver.findElement(By.tagName("body")).getText().startsWith("{\"ip\":\"8.8.8.8\""));
    }

    @Test
    void onAPhoneNothingScrollsSideways() {
        browser.emulate(Browser.Screen.PHONE, false);
        driver.get(home + "?ip=2001:4860:4860::8888");
        assertEquals(360L, driver.executeScript("return window.innerWidth;"));
        assertFalse(browser.scrollsSideways(), "the result scrolls sideways at 360 px");
        browser.screenshot("phone-light");

        submit("not an address at all, just a long sentence typed into the field by mistake");
        assertFalse(browser.scrollsSideways(), "the error scrolls sideways at 360 px");

        driver.get(home + "?ips=8.8.8.8%0A2001:4860:4860::8888%0Aexample.com");
        assertFalse(browser.scrollsSideways(), "several addresses scroll sideways at 360 px");
        browser.screenshot("phone-several");

        browser.emulate(Browser.Screen.PHONE, true);
        driver.get(home + "?ip=8.8.8.8");
        browser.screenshot("phone-dark");
    }

    @Test
    void theDarkSchemeFollowsTheSystemSetting() {
        driver.get(home + "?ip=8.8.8.8");
        String light = background();
        browser.emulate(Browser.Screen.DESKTOP, true);
        driver.navigate().refresh();

        assertEquals("rgb(255, 255, 255)", light);
        assertEquals("rgb(17, 20, 24)", background());
        browser.screenshot("desktop-dark");
    }

    @Test
    void thePageLoadsNothingFromAnotherOrigin() {
        driver.get(home + "?ip=8.8.8.8");

        List<String> loaded = browser.loadedUrls();
        assertTrue(loaded.contains(home + "style.css"), loaded.toString());
        loaded.forEach(url -> assertTrue(url.startsWith(home), "loaded from elsewhere: " + url));
    }

    private void submit(String address) {
        WebElement field = driver.findElement(By.id("ip"));
        field.clear();
        field.sendKeys(address);
        field.submit();
    }

    private void awaitResultFor(String address) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.cssSelector(".result .address"), address));
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private String cell(String field) {
        return text("tr[data-field='" + field + "'] td");
    }

    private String background() {
        return (String) driver.executeScript("return getComputedStyle(document.body).backgroundColor;");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> box(String css) {
        Map<String, Object> rect = (Map<String, Object>) driver.executeScript(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                        + "return {x: r.x, y: r.y, width: r.width, height: r.height};", css);
        return Map.of("x", number(rect.get("x")), "y", number(rect.get("y")),
                "width", number(rect.get("width")), "height", number(rect.get("height")));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
