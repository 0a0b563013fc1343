package io.npsloop.followup;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import io.npsloop.contracts.Topics;
import io.npsloop.platform.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The workspace page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium, never downloaded), against the running service on the real broker and store:
 * an agent works a case from the queue to resolution, a second agent sees the claim within the
 * page's polling and is refused the case in plain words, and a team lead assigns and transfers.
 * The API additions the page reads (who am I, score history, the agents of a lead's queues, when
 * the holder claimed a case) are checked over HTTP too, with or without a browser.
 *
 * <p>The browser and its driver are found at {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, or where the system properties {@code chromium} and
 * {@code chromedriver} (or the environment variables {@code CHROMIUM}, {@code CHROMEDRIVER}) say;
 * without them the browser tests report themselves skipped. Screenshots of the main views go to
 * {@code target/workspace-screenshots/}; the README shows copies from {@code docs/images/}.
 */
class WorkspaceBrowserIntegrationTests extends RunningFollowupService {

    /** Queues no other test class uses: the classes share one database. */
    private static final String CARE = "workspace-care";
    private static final String BILLING = "workspace-billing";

    private static final String ADA = token("ada", Role.AGENT, CARE);
    private static final String GRACE = token("grace", Role.AGENT, CARE);
    private static final String LIN = token("lin", Role.LEAD, CARE, CARE + "-*");

    private static final AtomicInteger ALERTS_SENT = new AtomicInteger();
    private static final Duration SECONDS = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of("target", "workspace-screenshots");

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }

    @Test
    void anAgentWorksACaseFromTheQueueToResolutionWhileASecondAgentSeesTheClaimAndIsRefused() throws Exception {
        Browser chrome = browserOrSkip();
        String caseId = openCaseWithContact(CARE);

        WebDriver ada = chrome.open("/workspace#token=" + ADA);
        waitFor(ada, By.cssSelector("#who"), "ada · agent");
        patiently(ada).until(d -> !d.getCurrentUrl().contains("token"));
        assertThat(ada.getCurrentUrl()).as("the token has left the address").doesNotContain(ADA).endsWith("/workspace");
        WebElement row = waitForRow(ada, caseId);
        assertThat(row.getText()).contains("unclaimed").contains("due in");
        shot(ada, "workspace-queue");

        // Keyboard only: Tab to the case's button, Enter opens it, and the case heading gets the focus.
        focusRowButton(ada, caseId).sendKeys(Keys.ENTER);
        waitFor(ada, By.id("case-heading"), "held by nobody");
        assertThat(ada.switchTo().activeElement().getDomAttribute("id")).isEqualTo("case-heading");
        JsonNode opened = caseJson(caseId, ADA);
        String customer = opened.get("contact").get("name").asString();
        String score = opened.get("score").asInt() + " (detractor)";
        assertThat(text(ada, "case-answer")).contains(score).contains(opened.get("comment").asString())
                .contains("super-detractor, high-value");
        assertThat(text(ada, "case-contact")).contains(customer).contains(opened.get("contact").get("email").asString());
        assertThat(text(ada, "case-history")).contains(score).contains("this case");

        click(ada, "claim");
        waitFor(ada, By.id("case-message"), "You hold this case now.");
        waitFor(ada, By.id("case-heading"), "held by you");

        // A second agent's list shows the claim within a few polls, and the claim is refused in words.
        WebDriver grace = chrome.open("/workspace#token=" + GRACE);
        patiently(grace).until(d -> rowOf(d, caseId) != null && rowOf(d, caseId).getText().contains("ada"));
        openRow(grace, caseId);
        waitFor(grace, By.id("case-heading"), "held by ada (claimed");
        click(grace, "claim");
        waitFor(grace, By.id("case-message"), "ada claimed this case");
        assertThat(text(grace, "case-message")).containsPattern("ada claimed this case (a moment|\\d+ seconds?|\\d+ minutes?) ago");
        shot(grace, "workspace-claimed-by-another");
        assertThat(caseJson(caseId, GRACE).get("claimedBy").asString()).isEqualTo("ada");

        // Contact attempts (a call-back needs its time), root cause, incentive (the arm is the experiment's), resolution.
        click(ada, "contact");
        WebElement contact = ada.findElement(By.id("form-contact"));
        new Select(contact.findElement(By.name("outcome"))).selectByValue("CALLBACK_REQUESTED");
        contact.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ada, By.id("case-message"), "Please check: Call-back time required when the outcome is CALLBACK_REQUESTED.");
        ((JavascriptExecutor) ada).executeScript("arguments[0].value = '2030-01-02T10:30'", contact.findElement(By.name("callbackAt")));
        contact.findElement(By.name("note")).sendKeys("Busy, call back Thursday");
        contact.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ada, By.id("case-message"), "Contact attempt logged.");
        waitFor(ada, By.id("case-attempts"), "callback requested, call back");
        assertThat(caseJson(caseId, ADA).get("callbackAt").isNull()).isFalse();

        click(ada, "contact");
        new Select(contact.findElement(By.name("channel"))).selectByValue("PHONE");
        new Select(contact.findElement(By.name("outcome"))).selectByValue("REACHED");
        contact.findElement(By.name("note")).sendKeys("Apologised, she accepts a gesture");
        contact.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ada, By.id("case-attempts"), "phone, reached");

        click(ada, "root-causes");
        WebElement coding = ada.findElement(By.id("form-root-causes"));
        patiently(ada).until(d -> !coding.findElements(By.cssSelector("input[value=delivery]")).isEmpty());
        coding.findElement(By.cssSelector("input[value=other]")).click();
        coding.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ada, By.id("case-message"), "Please check: Text for \"Other\" required when the category other is coded.");
        coding.findElement(By.cssSelector("input[value=other]")).click();
        coding.findElement(By.cssSelector("input[value=delivery]")).click();
        coding.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ada, By.id("case-message"), "Root cause coded.");
        waitFor(ada, By.id("case-coding"), "Delivery");

        click(ada, "incentive");
        ada.findElement(By.cssSelector("#form-incentive input[value=true]")).click();
        ada.findElement(By.cssSelector("#form-incentive button[type=submit]")).click();
        waitFor(ada, By.id("case-message"), "Incentive recorded.");
        String arm = caseJson(caseId, ADA).get("incentive").get("arm").asString();
        waitFor(ada, By.id("case-coding"), "experiment delivery-incentives, arm " + arm);

        click(ada, "resolve");
        ada.findElement(By.cssSelector("#form-note textarea")).sendKeys("Free month booked");
        ada.findElement(By.id("form-note-submit")).click();
        waitFor(ada, By.id("case-message"), "Resolved.");
        waitFor(ada, By.id("case-heading"), "resolved");
        shot(ada, "workspace-case");
        JsonNode resolved = caseJson(caseId, ADA);
        assertThat(resolved.get("state").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("rootCauses").get(0).asString()).isEqualTo("delivery");

        // The resolved case is gone from the active list; asking the API what it shows is no-store.
        patiently(ada).until(d -> rowOf(d, caseId) == null);
        HttpResponse<String> api = call("GET", "/api/v1/cases/" + caseId, ADA, null);
        assertThat(api.headers().allValues("Cache-Control")).anySatisfy(v -> assertThat(v).contains("no-store"));

        // After the resolution: the re-survey, closing, and reopening, which puts the case back in the queue.
        click(ada, "resurvey");
        waitFor(ada, By.id("case-message"), "Re-survey requested.");
        click(ada, "close");
        waitFor(ada, By.id("form-note-title"), "Close the case");
        ada.findElement(By.id("form-note-submit")).click();
        waitFor(ada, By.id("case-heading"), "closed");
        click(ada, "reopen");
        ada.findElement(By.cssSelector("#form-note textarea")).sendKeys("The customer wrote again");
        ada.findElement(By.id("form-note-submit")).click();
        waitFor(ada, By.id("case-heading"), "reopened, held by nobody");
        waitForRow(ada, caseId);
        assertThat(caseJson(caseId, ADA).get("audit").findValuesAsString("what"))
                .endsWith("RESOLVE", "REQUEST_RESURVEY", "CLOSE", "REOPEN");

        // A narrow window: one column, still usable.
        ada.manage().window().setSize(new Dimension(420, 900));
        shot(ada, "workspace-narrow");

        // Signing out forgets the token and empties the page.
        ada.manage().window().setSize(new Dimension(1440, 900));
        ada.findElement(By.id("sign-out")).click();
        waitFor(ada, By.id("token-reason"), "Signed out.");
        assertThat(((JavascriptExecutor) ada).executeScript("return sessionStorage.length")).isEqualTo(0L);
        assertThat(ada.findElements(By.cssSelector("#queue-rows tr"))).isEmpty();
        assertThat(ada.getPageSource()).doesNotContain(customer).doesNotContain(ADA);
    }

    @Test
    void aLeadAssignsACaseToAnAgentAndTransfersAnotherToAnotherTeam() throws Exception {
        Browser chrome = browserOrSkip();
        String assigned = openCaseWithContact(CARE);
        String moved = openCaseWithContact(CARE);
        // Already past its SLA: the SLA watch escalates it to the team's lead queue.
        String late = "al-" + UUID.randomUUID();
        String lateCustomer = "c-" + UUID.randomUUID();
        send(Topics.ALERTS, lateCustomer, alert(late, lateCustomer, CARE, Instant.now().minus(Duration.ofHours(5))));
        // grace has worked this queue before, so the assign form offers her name.
        assertThat(call("POST", "/api/v1/cases/" + moved + "/claim", GRACE, null).statusCode()).isEqualTo(200);

        WebDriver lin = chrome.open("/workspace#token=" + LIN);
        waitFor(lin, By.id("who"), "lin · team lead");
        lin.findElement(By.cssSelector("#views button[data-view=team]")).click();
        waitFor(lin, By.id("queue-heading"), "Team queues");
        waitForRow(lin, assigned);
        // Per queue: active, unclaimed, overdue, escalated.
        waitFor(lin, By.cssSelector("#team-rows tr[data-queue='" + CARE + "-lead']"), CARE + "-lead 1 1 0 1");
        waitFor(lin, By.id("queue-rows"), "escalated");
        shot(lin, "workspace-team");

        openRow(lin, assigned);
        waitFor(lin, By.id("case-heading"), "held by nobody");
        click(lin, "assign");
        WebElement assign = lin.findElement(By.id("form-assign"));
        patiently(lin).until(d -> !d.findElements(By.cssSelector("#agent-names option[value=grace]")).isEmpty());
        assign.findElement(By.name("agent")).sendKeys("grace");
        assign.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(lin, By.id("case-message"), "Assigned.");
        waitFor(lin, By.id("case-heading"), "held by grace");
        assertThat(caseJson(assigned, LIN).get("claimedBy").asString()).isEqualTo("grace");

        WebDriver grace = chrome.open("/workspace#token=" + GRACE);
        patiently(grace).until(d -> rowOf(d, assigned) != null && rowOf(d, assigned).getText().contains("you"));

        openRow(lin, moved);
        waitFor(lin, By.id("case-heading"), "held by grace");
        click(lin, "transfer");
        WebElement transfer = lin.findElement(By.id("form-transfer"));
        transfer.findElement(By.name("queue")).sendKeys("no such queue!");
        transfer.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(lin, By.id("case-message"), "Please check: Queue");
        transfer.findElement(By.name("queue")).clear();
        transfer.findElement(By.name("queue")).sendKeys(BILLING);
        transfer.findElement(By.name("reason")).sendKeys("an invoice question");
        transfer.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(lin, By.id("case-message"), "Transferred to " + BILLING + ": it has left your queues.");
        patiently(lin).until(d -> rowOf(d, moved) == null);
        patiently(grace).until(d -> rowOf(d, moved) == null);
        String billing = token("bo", Role.AGENT, BILLING);
        JsonNode there = caseJson(moved, billing);
        assertThat(there.get("queue").asString()).isEqualTo(BILLING);
        assertThat(there.get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void withoutATokenThePageAsksForOneAndAnAdminIsSentToAnAgentsToken() throws Exception {
        Browser chrome = browserOrSkip();
        WebDriver anonymous = chrome.open("/workspace");
        waitFor(anonymous, By.id("token-reason"), "The workspace needs a bearer token");
        assertThat(anonymous.findElement(By.id("workspace")).isDisplayed()).isFalse();

        anonymous.findElement(By.id("token-input")).sendKeys(token("ines", Role.ADMIN));
        anonymous.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waitFor(anonymous, By.id("token-reason"), "admin's: cases are worked by agents and team leads");

        anonymous.findElement(By.id("token-input")).sendKeys(ADA);
        anonymous.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waitFor(anonymous, By.id("who"), "ada · agent");
    }

    // ------------------------------------------------------------------ the API the page reads

    @Test
    void theApiTellsWhoIsSignedInAScoreHistoryTheLeadsAgentsAndWhenTheHolderClaimed() throws Exception {
        String caseId = openCaseWithContact(CARE);
        JsonNode me = json(call("GET", "/api/v1/me", LIN, null));
        assertThat(me.get("username").asString()).isEqualTo("lin");
        assertThat(me.get("role").asString()).isEqualTo("LEAD");
        assertThat(me.get("queues").toString()).contains(CARE).contains(CARE + "-*");
        assertThat(call("GET", "/api/v1/me", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/me", token("ali", Role.ANALYST, "*"), null).statusCode()).isEqualTo(403);

        Instant before = Instant.now().minusSeconds(1);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ADA, null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = call("POST", "/api/v1/cases/" + caseId + "/claim", GRACE, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        JsonNode problem = json(refused);
        assertThat(problem.get("claimedBy").asString()).isEqualTo("ada");
        assertThat(Instant.parse(problem.get("claimedAt").asString())).isBetween(before, Instant.now());

        HttpResponse<String> history = call("GET", "/api/v1/cases/" + caseId + "/history", ADA, null);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.headers().allValues("Cache-Control")).anySatisfy(v -> assertThat(v).contains("no-store"));
        assertThat(json(history)).hasSize(1);
        assertThat(json(history).get(0).get("score").asInt()).isEqualTo(caseJson(caseId, ADA).get("score").asInt());
        assertThat(call("GET", "/api/v1/cases/" + caseId + "/history", token("bo", Role.AGENT, BILLING), null).statusCode())
                .as("another queue's case").isEqualTo(404);

        assertThat(json(call("GET", "/api/v1/agents", LIN, null)).get("agents").toString()).contains("\"ada\"");
        assertThat(call("GET", "/api/v1/agents", ADA, null).statusCode()).as("agents do not assign").isEqualTo(403);
        assertThat(json(call("GET", "/api/v1/agents", token("lee", Role.LEAD, BILLING), null)).get("agents").toString())
                .as("another team's lead").doesNotContain("\"ada\"");

        for (String page : List.of("/workspace", "/workspace.js", "/workspace.css")) {
            assertThat(call("GET", page, null, null).statusCode()).as(page).isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** An alert with contact data, two matched rules and a comment, routed to the queue; returns its case id. */
    String openCaseWithContact(String queue) throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String alertId = "al-" + UUID.randomUUID();
        send(Topics.ALERTS, customer, alert(alertId, customer, queue, Instant.now().minusSeconds(60)));
        String everyQueue = token("dispatch", Role.AGENT, "*");
        return await().atMost(Duration.ofSeconds(60)).until(() -> caseOf(everyQueue, alertId), node -> node != null)
                .get("caseId").asString();
    }

    /**
     * An alert of the class's first customer (contact data, comment, two rules) or, after it, of
     * others, so that the screenshots show a plausible queue.
     */
    static DetractorAlertRaised alert(String alertId, String customer, String queue, Instant answered) {
        int n = ALERTS_SENT.getAndIncrement();
        String[][] people = {{"Ann Customer", "ann@example.com", "The parcel came a week late"},
            {"Bob Example", "bob@example.com", "Nobody answered my two emails about the invoice"},
            {"Chiara Rossi", "chiara@example.com", "The app logs me out every day"},
            {"Dev Patel", "dev@example.com", "Price went up again without notice"}};
        String[] person = people[n % people.length];
        return new DetractorAlertRaised(UUID.randomUUID().toString(), EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION, answered, alertId, "r-" + UUID.randomUUID(), customer, "a-1",
                new Contact(person[0], person[1], "+44 20 7946 000" + (n % 10)), n % 4 == 0 ? 2 : n % 7, Category.DETRACTOR,
                person[2], "email", "delivery", Map.of(), new Money(new BigDecimal(1200 + 350 * n), "EUR"),
                n % 4 == 3 ? Severity.CRITICAL : Severity.HIGH, queue, List.of("super-detractor", "high-value"), answered,
                answered.plus(Duration.ofHours(4)));
    }

    JsonNode caseJson(String caseId, String token) throws Exception {
        HttpResponse<String> response = call("GET", "/api/v1/cases/" + caseId, token, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    /** Chromium and its driver, as found on this machine; the test is skipped without them. */
    Browser browserOrSkip() {
        Path chromium = Path.of(setting("chromium", "CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(setting("chromedriver", "CHROMEDRIVER", "/usr/bin/chromedriver"));
        assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + " (set -Dchromium or CHROMIUM): browser test skipped");
        assumeTrue(Files.isExecutable(driver),
                "no chromedriver at " + driver + " (set -Dchromedriver or CHROMEDRIVER): browser test skipped");
        return new Browser(chromium, driver);
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Starts browser sessions, each its own profile (so its own sessionStorage), at a laptop's window size. */
    final class Browser {

        private final Path chromium;
        private final Path driver;

        Browser(Path chromium, Path driver) {
            this.chromium = chromium;
            this.driver = driver;
        }

        WebDriver open(String path) {
            // The driver's path is given, so Selenium Manager (which would download one) never runs.
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--window-size=1440,900", "--hide-scrollbars");
            WebDriver session = new ChromeDriver(service, options);
            browsers.add(session);
            session.get("http://localhost:" + port + path);
            return session;
        }
    }

    /** A wait that also tries again when the list was redrawn under it (the page polls). */
    static WebDriverWait patiently(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, SECONDS);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    static void openRow(WebDriver browser, String caseId) {
        patiently(browser).until(d -> {
            d.findElement(By.cssSelector("#queue-rows button.open-case[data-case-id='" + caseId + "']")).click();
            return true;
        });
    }

    static void waitFor(WebDriver browser, By element, String text) {
        patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    static WebElement waitForRow(WebDriver browser, String caseId) {
        return patiently(browser).until(d -> rowOf(d, caseId));
    }

    static WebElement rowOf(WebDriver browser, String caseId) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#queue-rows tr[data-case-id='" + caseId + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Tabs from the top of the page to the case's button, as a keyboard user would. */
    static WebElement focusRowButton(WebDriver browser, String caseId) {
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur()");
        for (int i = 0; i < 60; i++) {
            WebElement active = browser.switchTo().activeElement();
            if (caseId.equals(active.getDomAttribute("data-case-id"))) {
                return active;
            }
            active.sendKeys(Keys.TAB);
        }
        throw new AssertionError("case " + caseId + " cannot be reached with the Tab key");
    }

    static void click(WebDriver browser, String action) {
        WebElement button = browser.findElement(By.cssSelector("#case-actions button[data-action='" + action + "']"));
        patiently(browser).until(ExpectedConditions.elementToBeClickable(button));
        button.click();
    }

    static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static void shot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }
}
