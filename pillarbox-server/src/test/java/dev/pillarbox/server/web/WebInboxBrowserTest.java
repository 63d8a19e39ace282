package dev.pillarbox.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web inbox in a real browser: Debian's headless Chromium, driven by Selenium through Debian's chromedriver
 * (both paths given, so Selenium downloads nothing). Mail goes in over SMTP; what the page shows, runs and downloads
 * is checked from the browser. Without Chromium the test fails: it is part of the build, not optional.
 */
class WebInboxBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots for docs/web-inbox.md are written. */
    private static final Path SCREENSHOTS = Path.of("target", "web-inbox-screenshots");

    @TempDir
    static Path dir;

    private static Catcher catcher;
    private static WebDriver driver;
    private static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver are needed (bin/test-deps installs them)").isTrue();
        catcher = Catcher.start(dir);
        downloads = Files.createDirectories(dir.resolve("downloads"));
        Path xdg = Files.createDirectories(dir.resolve("xdg"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), "--window-size=1280,860",
                "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("XDG_CACHE_HOME", xdg.resolve("cache").toString(),
                        "XDG_CONFIG_HOME", xdg.resolve("config").toString()))
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (catcher != null) {
            catcher.close();
        }
    }

    @BeforeEach
    void emptyInboxAndFreshPage() throws Exception {
        catcher.delete("/api/messages");
        driver.get(catcher.uri("/").toString());
        waitFor().until(d -> !d.findElement(By.id("live")).getAttribute("class").contains("off"));
    }

    @Test
    void aMessageSentOverSmtpAppearsWithoutAReload() {
        js("window.__sameDocument = 'yes';");
        catcher.send(Mails.plain("live arrival", "hello"));
        waitFor().until(d -> subjects().contains("live arrival"));
        assertThat(js("return window.__sameDocument;")).as("the page was not reloaded").isEqualTo("yes");
        WebElement row = driver.findElement(By.cssSelector("#messages tbody tr"));
        assertThat(row.findElement(By.className("from")).getText()).isEqualTo("Alice <alice@example.org>");
        assertThat(row.findElement(By.className("to")).getText()).isEqualTo("Bob <bob@example.net>");
        assertThat(driver.findElement(By.id("count")).getText()).isEqualTo("1 messages");
    }

    @Test
    void openingAMessageShowsItsSubjectAndText() {
        catcher.send(Mails.plain("open me", "The text part,\nline two."));
        openRow("open me");
        assertThat(driver.findElement(By.id("view-subject")).getText()).isEqualTo("open me");
        assertThat(driver.findElement(By.id("view-text")).getText()).isEqualTo("The text part,\nline two.");
        driver.findElement(By.id("tab-source")).click();
        waitFor().until(d -> d.findElement(By.id("view-source")).getText().contains("Subject: open me"));
    }

    @Test
    void scriptsAndEventHandlersInHtmlMailExecuteNothing() throws Exception {
        String payload = "<p id=\"greeting\">Hello from HTML</p>"
                + "<script>top.postMessage('script', '*')</script>"
                + "<img src=\"x\" onerror=\"top.postMessage('onerror', '*')\">"
                + "<svg onload=\"top.postMessage('svg', '*')\"></svg>"
                + "<a href=\"javascript:top.postMessage('href', '*')\" id=\"link\">a link</a>";
        // the control: the same HTML in a frame that may run scripts, on a page without a policy, does post both
        // messages, so the listener below would see them if the inbox let them run
        driver.get("about:blank");
        js("window.__executed = []; window.addEventListener('message', e => window.__executed.push(String(e.data)));"
                + "const f = document.createElement('iframe'); f.setAttribute('sandbox', 'allow-scripts');"
                + "f.srcdoc = arguments[0]; document.body.appendChild(f);", payload);
        waitFor().until(d -> ((List<?>) js("return window.__executed;")).containsAll(List.of("script", "onerror")));

        emptyInboxAndFreshPage();
        js("window.__executed = []; window.addEventListener('message', e => window.__executed.push(String(e.data)));");
        catcher.send(Mails.html("hostile html", payload));
        openRow("hostile html");
        WebElement frame = driver.findElement(By.id("view-html"));
        assertThat(frame.getAttribute("sandbox")).isEmpty();
        driver.switchTo().frame(frame);
        try {
            // the sanitiser dropped the id attribute as well
            waitFor().until(d -> d.findElement(By.tagName("p")).getText().equals("Hello from HTML"));
            assertThat(driver.findElements(By.cssSelector("script, [onerror], [onload], svg"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        } finally {
            driver.switchTo().defaultContent();
        }
        // had anything run, its message would have arrived within this time: the control's arrived at once
        assertNoScriptRunsFor(Duration.ofMillis(1500));
        assertThat(js("return document.title;")).isEqualTo("Pillarbox inbox");
    }

    @Test
    void remoteImagesAreFetchedOnlyWhenTheReaderAsks() throws Exception {
        // a remote image server on loopback that counts what the browser asks it for
        AtomicInteger fetched = new AtomicInteger();
        byte[] gif = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        HttpServer images = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        images.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "image/gif");
            exchange.sendResponseHeaders(200, gif.length);
            exchange.getResponseBody().write(gif);
            exchange.close();
        });
        images.start();
        try {
            String url = "http://127.0.0.1:" + images.getAddress().getPort() + "/pixel.gif";
            catcher.send(Mails.html("tracked", "<p>newsletter</p><img src=\"" + url + "\" width=\"20\" height=\"20\">"));
            openRow("tracked");
            assertThat(driver.findElement(By.id("show-images")).getText()).isEqualTo("Show 1 remote image");
            driver.switchTo().frame(driver.findElement(By.id("view-html")));
            waitFor().until(d -> d.findElement(By.tagName("p")).getText().equals("newsletter"));
            driver.switchTo().defaultContent();
            assertThat(fetched.get()).as("image requests before asking").isZero();

            driver.findElement(By.id("show-images")).click();
            waitFor().until(d -> fetched.get() == 1);
            WebElement frame = driver.findElement(By.id("view-html"));
            assertThat(frame.getAttribute("sandbox")).isEmpty();
            driver.switchTo().frame(frame);
            try {
                waitFor().until(d -> (Boolean) js("const i = document.querySelector('img');"
                        + " return i !== null && i.complete && i.naturalWidth === 1;"));
            } finally {
                driver.switchTo().defaultContent();
            }
        } finally {
            images.stop(0);
        }
    }

    @Test
    void anAttachmentDownloadsByteExact() throws Exception {
        byte[] bytes = new byte[123_457];
        new Random(2026).nextBytes(bytes);
        catcher.send(Mails.withAttachment("with attachment", "see the attachment", "<p>see the attachment</p>",
                "payload.bin", bytes));
        waitFor().until(d -> subjects().contains("with attachment"));
        assertThat(driver.findElement(By.cssSelector("#messages tbody tr .attachment")).getAttribute("title"))
                .isEqualTo("1 attachment");
        openRow("with attachment");
        WebElement link = driver.findElement(By.cssSelector("#attachments a"));
        assertThat(link.getText()).contains("payload.bin");
        link.click();
        Path file = downloads.resolve("payload.bin");
        waitFor().until(d -> Files.exists(file) && !Files.exists(downloads.resolve("payload.bin.crdownload")));
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void deletingAMessageRemovesItFromThePage() {
        catcher.send(Mails.plain("stays", "x"));
        catcher.send(Mails.plain("goes", "x"));
        waitFor().until(d -> subjects().containsAll(List.of("stays", "goes")));
        openRow("goes");
        driver.findElement(By.id("delete")).click();
        waitFor().until(d -> subjects().equals(List.of("stays")));
        assertThat(driver.findElement(By.id("view")).isDisplayed()).isFalse();
    }

    @Test
    void searchFiltersTheList() {
        catcher.send(Mails.plain("invoice 17", "x"));
        catcher.send(Mails.plain("newsletter", "x"));
        waitFor().until(d -> subjects().size() == 2);
        driver.findElement(By.id("search")).sendKeys("invoice");
        waitFor().until(d -> subjects().equals(List.of("invoice 17")));
    }

    @Test
    void hostileMailLeavesThePageUsableAndEscaped() throws Exception {
        js("window.__executed = []; window.addEventListener('message', e => window.__executed.push(String(e.data)));");
        catcher.send("From: \"<b>Mallory</b>\" <mallory@example.org>\r\nTo: bob@example.net\r\n"
                + "Subject: " + WebInboxHostileMailTest.HTML_SUBJECT + "\r\n\r\nbody\r\n");
        StringBuilder many = new StringBuilder("From: parts@example.org\r\nTo: bob@example.net\r\n"
                + "Subject: ten thousand parts\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            many.append("--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"<i>p")
                    .append(i).append("</i>.txt\"\r\n\r\npart ").append(i).append("\r\n");
        }
        catcher.send(many.append("--b--\r\n").toString());
        catcher.send("From: broken@example.org\r\nTo: bob@example.net\r\nSubject: broken boundary\r\n"
                + "Content-Type: multipart/mixed; boundary=\"declared\"\r\n\r\n--other\r\n\r\nnever closed\r\n");
        byte[] latin = ("From: latin@example.org\r\nTo: bob@example.net\r\nSubject: latin-1\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf\u00e9 cr\u00e8me\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        catcher.send(latin);
        waitFor().until(d -> subjects().size() == 4);
        assertThat(subjects()).contains(WebInboxHostileMailTest.HTML_SUBJECT);
        assertThat(driver.findElements(By.cssSelector("#messages b, #messages script, #messages img"))).isEmpty();

        openRow("ten thousand parts");
        assertThat(driver.findElements(By.cssSelector("#attachments a"))).hasSize(MimeReader.MAX_LISTED_PARTS);
        assertThat(driver.findElement(By.cssSelector("#attachments a")).getText()).contains("<i>p0</i>.txt");
        assertThat(driver.findElement(By.id("parts-note")).getText()).contains("10000 parts");
        driver.findElement(By.id("close")).click();

        openRow("latin-1");
        assertThat(driver.findElement(By.id("view-text")).getText()).isEqualTo("caf\u00e9 cr\u00e8me");
        driver.findElement(By.id("close")).click();

        openRow("broken boundary");
        assertThat(driver.findElement(By.id("view-subject")).getText()).isEqualTo("broken boundary");
        driver.findElement(By.id("close")).click();

        openRow(WebInboxHostileMailTest.HTML_SUBJECT);
        assertThat(driver.findElement(By.id("view-subject")).getText()).isEqualTo(WebInboxHostileMailTest.HTML_SUBJECT);
        assertNoScriptRunsFor(Duration.ofMillis(500));
    }

    @Test
    void screenshotsOfTheListAndAMessage() throws Exception {
        catcher.send(Mails.plain("Reset your password", "Someone asked to reset the password of bob@example.net.\n"
                + "Open https://app.example/reset/4f1c to choose a new one."));
        catcher.send(Mails.withAttachment("Invoice 2026-0042", "Please find the invoice attached.",
                "<p>Please find the invoice attached.</p>", "invoice-2026-0042.pdf", "%PDF-1.4 ...".getBytes()));
        catcher.send(Mails.html("Your order #1042 has shipped",
                "<div style=\"font-family:Georgia,serif;max-width:560px\">"
                + "<h2 style=\"color:#1d2a44\">Your order is on its way</h2>"
                + "<p>Hello Bob, order <b>#1042</b> left our warehouse this morning.</p>"
                + "<table border=\"1\" cellpadding=\"6\" style=\"border-collapse:collapse\">"
                + "<tr><th>Item</th><th>Qty</th></tr><tr><td>Pillarbox mug</td><td>2</td></tr></table>"
                + "<p><img src=\"https://cdn.shop.example/track.gif\" alt=\"\"> "
                + "<a href=\"https://shop.example/orders/1042\">Track the parcel</a></p></div>"));
        waitFor().until(d -> subjects().size() == 3);
        Files.createDirectories(SCREENSHOTS);
        Path list = screenshot("web-inbox-list.png");
        openRow("Your order #1042 has shipped");
        assertThat(driver.findElement(By.id("images-note")).isDisplayed()).isTrue();
        driver.switchTo().frame(driver.findElement(By.id("view-html")));
        waitFor().until(d -> d.findElement(By.tagName("h2")).getText().equals("Your order is on its way"));
        driver.switchTo().defaultContent();
        Path message = screenshot("web-inbox-message.png");
        assertThat(Files.size(list)).isGreaterThan(10_000);
        assertThat(Files.size(message)).isGreaterThan(10_000);
    }

    private Path screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void openRow(String subject) {
        waitFor().until(d -> subjects().contains(subject));
        for (WebElement row : driver.findElements(By.cssSelector("#messages tbody tr"))) {
            if (row.findElement(By.className("subject")).getText().equals(subject)) {
                row.click();
                break;
            }
        }
        waitFor().until(ExpectedConditions.textToBe(By.id("view-subject"), subject));
    }

    /** The subjects in the list, read in one script (the list is redrawn whenever the Maildir changes). */
    @SuppressWarnings("unchecked")
    private static List<String> subjects() {
        return (List<String>) js("return Array.from(document.querySelectorAll('#messages tbody tr .subject'),"
                + " cell => cell.textContent);");
    }


    /**
     * An absence has no event to wait for: watches the page for {@code period} and fails at the first message a
     * script of the mail posted ({@code window.__executed}), instead of sleeping and looking once.
     */
    private void assertNoScriptRunsFor(Duration period) {
        long end = System.nanoTime() + period.toNanos();
        do {
            assertThat((List<?>) js("return window.__executed;")).isEmpty();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        } while (System.nanoTime() < end);
        assertThat((List<?>) js("return window.__executed;")).isEmpty();
    }
    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.withMessage(() -> "the list shows " + subjects());
        return wait;
    }
}
