package org.onekeylogin.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onekeylogin.sms.SmsOutbox;
import org.onekeylogin.support.Chromium;
import org.onekeylogin.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The product's stories as a person lives them: the demo pages in Debian's Chromium,
 * several devices (browser profiles) at once, against the service started with the demo
 * household. Screenshots of the main screens are written to {@code target/screenshots}.
 * Phone approvals and QR codes live only seconds here
 * ({@link DemoHouseholdTest#SHORT_APPROVALS}), so that running out is seen without
 * waiting minutes.
 */
@ServiceTest
@TestPropertySource(
        properties = { DemoHouseholdTest.DEMO, DemoHouseholdTest.SHORT_APPROVALS, DemoHouseholdTest.SHORT_QR_CODES })
class DemoHouseholdBrowserTest {

    /** Grandma's number in the demo household: she has no app, only texts. */
    static final String GRANDMAS_NUMBER = "+8613800000004";

    /** The TV's number pad, row by row, three keys a row. */
    static final List<String> PAD = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "0", "delete", "back",
            "clear", "ok");

    /**
     * Every visible text of the page (and every visible form control) whose computed font
     * size is under 24 px, as "where: text (size)".
     */
    static final String SMALL_TEXT = """
            () => {
              const small = [];
              const seen = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
              const where = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : '');
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const text = walker.currentNode.textContent.trim();
                const el = walker.currentNode.parentElement;
                if (!text || !el || el.closest('script, style, option') || !seen(el)) continue;
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (size < 24) small.push(`${where(el)}: ${text.slice(0, 40)} (${size}px)`);
              }
              for (const el of document.querySelectorAll('select, input')) {
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (seen(el) && size < 24) small.push(`${where(el)} (${size}px)`);
              }
              return small;
            }
            """;

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    SmsOutbox outbox;

    @BeforeAll
    static void startBrowser() {
        chromium = new Chromium();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        chromium.closeDevices();
        Assertions.assertThat(chromium.pageErrors()).isEmpty();
    }

    @Test
    void grandmasTvSignsInAsDadWithTheRemoteAndDadSignsItOutFromHisPhone() {
        Page phone = phoneSignedIn("dad", "Dad Liu");
        Page tv = tv();

        assertThat(tv.getByTestId("network-kind")).hasText("home network");
        Locator recommended = tv.getByTestId("account-recommendation");
        assertThat(recommended).hasCount(2);
        assertThat(recommended.nth(0)).containsText("d****");
        assertThat(recommended.nth(0)).containsText("VIP");
        assertThat(recommended.nth(1)).containsText("m****");
        assertThat(recommended.nth(0)).isFocused();
        tv.keyboard().press("ArrowRight");
        assertThat(recommended.nth(1)).isFocused();
        tv.keyboard().press("ArrowLeft");
        assertThat(recommended.nth(0)).isFocused();
        assertThat(tv.getByTestId("recommendation-label")).hasText("Lives on this Wi-Fi");
        assertNoTextUnder24px(tv);
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-sign-in.png")));

        tv.keyboard().press("Enter");
        assertThat(tv.getByTestId("home-title")).containsText("Welcome, Dad Liu");
        assertThat(tv.locator("#homeMethod")).hasText("Signed in by your home network");
        assertNoTextUnder24px(tv);
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-home.png")));

        Locator notice = phone.getByTestId("signed-in-elsewhere");
        assertThat(notice).containsText("Signed in on Living-room TV");
        phone.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-notice.png")));
        notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign it out")).click();

        assertThat(tv.locator("#signin")).isVisible();
        assertThat(tv.locator("#toast")).containsText("Dad's phone signed this TV out.");
        assertThat(notice).containsText("Signed out");
    }

    @Test
    void pcSignsInWithOneKeyWhenThePhoneTypesTheCodeItShows() {
        Page phone = phoneSignedIn("dad", "Dad Liu");
        Page pc = chromium.device(1280, 800);
        pc.navigate(url("/pc"));
        pc.getByLabel("Account name or phone number").fill("dad");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to my phone")).click();
        Locator code = pc.getByTestId("verification-code");
        assertThat(code).hasText(Pattern.compile("\\d{2,6}"));
        String shown = code.textContent();
        pc.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pc-waiting.png")));

        Locator prompt = phone.locator("#prompt");
        assertThat(prompt).isVisible();
        assertThat(phone.locator("#promptTitle")).hasText("Sign in on Study PC?");
        assertThat(phone.locator("#promptRequester")).containsText("127.0.0.1");
        phone.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-approval.png")));
        phone.getByLabel("Code shown on the other screen").fill(shown);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();

        assertThat(pc.getByTestId("signed-in-as")).hasText("Signed in as Dad Liu");
        assertThat(prompt).isHidden();
        phone.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Devices")).click();
        assertThat(phone.getByTestId("session").filter(new Locator.FilterOptions().setHasText("Study PC")))
            .containsText("approved on a phone");
    }

    @Test
    void theKidsPcIsAskedOnMumsPhoneWhereAWrongCodeFailsItAndTheRightOneSignsItIn() {
        Page phone = phoneSignedIn("mum", "Mum Liu");
        Page pc = chromium.device(1280, 800);
        pc.navigate(url("/pc"));
        pc.getByLabel("Account name or phone number").fill("kid");
        Locator send = pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to my phone"));
        send.click();
        Locator code = pc.getByTestId("verification-code");
        assertThat(code).hasText(Pattern.compile("\\d{2,6}"));
        assertThat(phone.locator("#promptFor")).hasText("Kid Liu's account — you approve for it.");
        String wrong = code.textContent().equals("11") ? "12" : "11";
        phone.getByLabel("Code shown on the other screen").fill(wrong);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();
        assertThat(pc.getByTestId("outcome")).hasText("The code typed on the phone was not the one shown here.");

        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try again")).click();
        send.click();
        assertThat(pc.locator("#wait")).isVisible(); // shown together with the new code
        phone.getByLabel("Code shown on the other screen").fill(code.textContent());
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();
        assertThat(pc.getByTestId("signed-in-as")).hasText("Signed in as Kid Liu");
    }

    @Test
    void theTvsQrCodeIsApprovedOnThePhone() {
        Page phone = phoneSignedIn("mum", "Mum Liu");
        Page tv = tv();
        tv.getByTestId("method-qr_code").click();
        Locator userCode = tv.getByTestId("user-code");
        assertThat(userCode).hasText(Pattern.compile("[A-Z]{4}-[A-Z]{4}"));
        assertThat(tv.locator("#qrImage")).hasAttribute("src", Pattern.compile("/qr\\.svg$"));
        assertThat(tv.getByTestId("qr-countdown"))
            .hasText(Pattern.compile("The code works for 0:(0\\d|10) · a new one comes by itself"));
        assertNoTextUnder24px(tv);
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-qr.png")));

        phone.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Devices")).click();
        phone.getByLabel("Code shown on the TV").fill(userCode.textContent().toLowerCase());
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(phone.locator("#codeDecision")).containsText("Sign in Living-room TV?");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign it in to my account")).click();

        assertThat(tv.getByTestId("home-title")).containsText("Welcome, Mum Liu");
        assertThat(tv.locator("#homeMethod")).hasText("Approved on your phone");
    }

    @Test
    void onTheOfficeNetworkTheTvOffersOnlyTheQrCodeAndThePhoneNumber() {
        Page tv = tv();
        assertThat(tv.getByTestId("account-recommendation")).hasCount(2);

        tv.locator("#network").selectOption("Office Wi-Fi");

        assertThat(tv.getByTestId("network-kind")).hasText("office network");
        assertThat(tv.getByTestId("no-accounts")).isVisible();
        assertThat(tv.getByTestId("account-recommendation")).hasCount(0);
        assertThat(tv.getByTestId("method-qr_code")).isVisible();
        assertThat(tv.getByTestId("method-sms_code")).isVisible();
    }

    @Test
    void grandmaWhoHasNoAppSignsInWithHerNumberAndTheTextedCodeUsingOnlyTheArrowsAndEnter() {
        Page tv = tv();
        assertThat(tv.getByTestId("account-recommendation").first()).isFocused();
        tv.keyboard().press("ArrowDown");
        assertThat(tv.getByTestId("method-qr_code")).isFocused();
        tv.keyboard().press("ArrowRight");
        assertThat(tv.getByTestId("method-sms_code")).isFocused();
        tv.keyboard().press("Enter");

        assertThat(tv.locator("#keypad [data-key='1']")).isFocused();
        padType(tv, GRANDMAS_NUMBER);
        assertThat(tv.getByTestId("sms-entry")).hasText(GRANDMAS_NUMBER);
        assertNoTextUnder24px(tv);
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-sms.png")));
        padPress(tv, "ok");

        assertThat(tv.locator("#smsHelp"))
            .hasText("If " + GRANDMAS_NUMBER + " has an account, a 6-digit code is on its way.");
        assertThat(tv.locator("#smsLabel")).hasText("Code from the text message");
        assertThat(tv.locator("#keypad [data-key='1']")).isFocused();
        padType(tv, textedCode(GRANDMAS_NUMBER));
        assertThat(tv.locator("#smsOk")).isFocused(); // six digits: OK is next
        assertNoTextUnder24px(tv);
        tv.keyboard().press("Enter");

        assertThat(tv.getByTestId("home-title")).containsText("Welcome, Grandma Liu");
        assertThat(tv.locator("#homeMethod")).hasText("Signed in with a text code");

        // signed out, the TV remembers her number: one press on OK would send a new code
        tv.keyboard().press("ArrowDown");
        assertThat(tv.locator("#signOut")).isFocused();
        tv.keyboard().press("Enter");
        assertThat(tv.getByTestId("history-label")).hasText("Signed in on this TV before");
        assertThat(tv.getByTestId("account-history")).containsText("g****");
        assertThat(tv.getByTestId("account-history")).isFocused();
        tv.keyboard().press("ArrowDown");
        tv.keyboard().press("ArrowRight");
        assertThat(tv.getByTestId("method-sms_code")).isFocused();
        tv.keyboard().press("Enter");
        assertThat(tv.getByTestId("sms-entry")).hasText(GRANDMAS_NUMBER);
        assertThat(tv.locator("#smsOk")).isFocused();
    }

    /**
     * Nothing dead on screen, on two TVs at once while the seconds run: the office TV's
     * request to Dad's phone runs out and is asked again; the other TV's QR code is
     * replaced before it runs out, and the new one signs it in.
     */
    @Test
    void anUnansweredPhoneIsAskedAgainAndAQrCodeIsReplacedBeforeItRunsOut() {
        Page dadsPhone = phoneSignedIn("dad", "Dad Liu");
        Page mumsPhone = phoneSignedIn("mum", "Mum Liu");
        Page tv = tv();
        assertThat(tv.getByTestId("account-recommendation").first()).isFocused();
        tv.keyboard().press("Enter");
        assertThat(tv.getByTestId("home-title")).containsText("Welcome, Dad Liu");
        tv.locator("#signOut").click();
        assertThat(tv.getByTestId("history-label")).isVisible();

        // a TV used before, now on the office Wi-Fi: its history, under its own label
        tv.locator("#network").selectOption("Office Wi-Fi");
        assertThat(tv.getByTestId("network-kind")).hasText("office network");
        assertThat(tv.getByTestId("network-note"))
            .hasText("This looks like an office network, so only who signed in on this TV before is shown.");
        assertThat(tv.getByTestId("history-label")).hasText("Signed in on this TV before");
        assertThat(tv.getByTestId("account-history")).hasCount(1);
        assertThat(tv.getByTestId("account-history")).containsText("d****");
        assertThat(tv.getByTestId("account-recommendation")).hasCount(0);
        assertThat(tv.getByTestId("no-accounts")).hasCount(0);
        assertNoTextUnder24px(tv);
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-office.png")));

        assertThat(tv.getByTestId("account-history")).isFocused();
        tv.keyboard().press("Enter");
        assertThat(tv.locator("#approvalTitle")).hasText("Check d****'s phone");
        assertThat(tv.locator("#approvalText")).containsText("d****'s phone was asked.");
        assertThat(tv.getByTestId("approval-countdown")).hasText(Pattern.compile("The code works for 0:(0\\d|10)"));
        assertNoTextUnder24px(tv);
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-approval.png")));

        // meanwhile the other TV's code is replaced shortly before its 10 s are up
        Page otherTv = tv();
        otherTv.getByTestId("method-qr_code").click();
        Locator userCode = otherTv.getByTestId("user-code");
        assertThat(userCode).hasText(Pattern.compile("[A-Z]{4}-[A-Z]{4}"));
        String first = userCode.textContent();
        assertThat(userCode).not().hasText(first, new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        assertThat(userCode).hasText(Pattern.compile("[A-Z]{4}-[A-Z]{4}"));
        assertThat(otherTv.locator("#qrImage")).hasAttribute("src",
                "/api/v1/device-codes/" + userCode.textContent() + "/qr.svg");
        assertThat(otherTv.getByTestId("qr-countdown")).containsText("The code works for");
        assertThat(otherTv.locator("#qrAgain")).isHidden();
        mumsPhone.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Devices")).click();
        mumsPhone.getByLabel("Code shown on the TV").fill(userCode.textContent());
        mumsPhone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        mumsPhone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign it in to my account")).click();
        assertThat(otherTv.getByTestId("home-title")).containsText("Welcome, Mum Liu");

        // nobody answered on Dad's phone within the request's 10 s
        Locator askAgain = tv.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask again"));
        assertThat(askAgain).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        assertThat(askAgain).isFocused();
        assertThat(tv.locator("#approvalMessage")).hasText("Nobody answered on d****'s phone in time.");
        assertThat(tv.getByTestId("approval-countdown")).isEmpty();
        assertNoTextUnder24px(tv);
        tv.keyboard().press("Enter");

        assertThat(askAgain).isHidden();
        assertThat(tv.getByTestId("approval-countdown")).containsText("The code works for");
        Locator code = tv.getByTestId("verification-code");
        assertThat(code).hasText(Pattern.compile("\\d{2,6}"));
        assertThat(dadsPhone.locator("#prompt")).isVisible();
        dadsPhone.getByLabel("Code shown on the other screen").fill(code.textContent());
        dadsPhone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();
        assertThat(tv.getByTestId("home-title")).containsText("Welcome, Dad Liu");
    }

    /** Types on the TV's number pad with the arrow keys and Enter only. */
    private static void padType(Page tv, String keys) {
        for (char key : keys.toCharArray()) {
            padPress(tv, String.valueOf(key));
        }
    }

    /**
     * Moves the focus to a key of the number pad with the arrow keys, then presses Enter.
     */
    private static void padPress(Page tv, String key) {
        int target = PAD.indexOf(key);
        int at = PAD.indexOf(String.valueOf(tv.evaluate("() => document.activeElement.dataset.key || ''")));
        Assertions.assertThat(at).as("the focus is on the number pad").isNotNegative();
        for (int row = at / 3; row != target / 3; row += Integer.signum(target / 3 - row)) {
            tv.keyboard().press(target / 3 > row ? "ArrowDown" : "ArrowUp");
        }
        for (int column = at % 3; column != target % 3; column += Integer.signum(target % 3 - column)) {
            tv.keyboard().press(target % 3 > column ? "ArrowRight" : "ArrowLeft");
        }
        assertThat(tv.locator("#keypad [data-key='" + key + "']")).isFocused();
        tv.keyboard().press("Enter");
    }

    private String textedCode(String number) {
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox.latestFor(number).orElseThrow().text());
        Assertions.assertThat(code.find()).as("a 6-digit code in the text").isTrue();
        return code.group(1);
    }

    /** Text at ten feet: nothing on the TV's screen is smaller than 24 px at 1080p. */
    private static void assertNoTextUnder24px(Page tv) {
        Assertions.assertThat((List<?>) tv.evaluate(SMALL_TEXT)).as("text under 24 px").isEmpty();
    }

    private Page tv() {
        Page tv = chromium.device(1920, 1080);
        tv.navigate(url("/tv"));
        return tv;
    }

    private Page phoneSignedIn(String login, String displayName) {
        Page phone = chromium.device(390, 844);
        phone.navigate(url("/phone"));
        phone.getByLabel("Account name or phone number").fill(login);
        phone.getByLabel("Password").fill(DemoHousehold.PASSWORD);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(phone.locator("#me")).containsText(displayName);
        return phone;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

}
