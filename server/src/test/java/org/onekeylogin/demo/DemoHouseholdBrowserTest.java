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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
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
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the pages behave alike on either database; the flows behind them run on PostgreSQL in the API tests")
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

    /**
     * The texts of the page (visible text, the title, and the labels, placeholders and
     * alternative texts people see or hear) that are still one of the dictionary's
     * English keys, or hold one of its keys of three words or more.
     */
    static final String ENGLISH_LEFT = """
            () => {
              const zh = OneKeyLanguage.texts.zh;
              const words = text => text.replace(/\s+/g, ' ').trim();
              const keys = Object.keys(zh).filter(key => zh[key] !== key && /[A-Za-z]/.test(key)).map(words);
              const exact = new Set(keys);
              const long = keys.filter(key => !key.includes('{') && key.split(' ').length >= 3);
              const english = text => exact.has(text) || long.some(key => text.includes(key));
              const left = [];
              const seen = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const text = words(walker.currentNode.textContent);
                const el = walker.currentNode.parentElement;
                if (!text || !el || el.closest('script, style') || !seen(el)) continue;
                if (english(text)) left.push(text);
              }
              for (const select of document.querySelectorAll('select')) {
                const option = select.selectedOptions[0];
                if (option && seen(select) && english(words(option.textContent))) left.push(`select: ${option.textContent}`);
              }
              for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
                for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
                  const value = el.getAttribute(name);
                  if (value && english(words(value))) left.push(`${name}: ${words(value)}`);
                }
              }
              if (english(words(document.title))) left.push(`title: ${document.title}`);
              return left;
            }
            """;

    /** Whether the element of a selector can take the focus (an inert one cannot). */
    static final String FOCUSABLE = """
            selector => {
              const element = document.querySelector(selector);
              const before = document.activeElement;
              element.focus();
              const focused = document.activeElement === element;
              before.focus();
              return focused;
            }
            """;

    static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    SmsOutbox outbox;

    @Autowired
    org.onekeylogin.support.TestClock clock;

    @BeforeAll
    static void browser() {
        chromium = Chromium.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
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

        Locator notice = phone.getByTestId("signed-in-elsewhere").first(); // the newest,
                                                                           // at the top
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
        assertThat(phone.getByTestId("prompt-where")).hasText("Same Wi-Fi as this phone");
        phone.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-approval.png")));

        // a modal dialog, named by its title, with the focus in it and the page behind it
        // out of reach
        Locator dialog = phone.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Sign in on Study PC?"));
        assertThat(dialog).hasAttribute("aria-modal", "true");
        assertThat(dialog).hasAttribute("id", "prompt");
        Locator codeField = phone.getByLabel("Code shown on the other screen");
        assertThat(codeField).isFocused();
        Assertions.assertThat(phone.evaluate(FOCUSABLE, "#tabs button"))
            .as("the page behind is inert")
            .isEqualTo(false);
        // Escape puts it off: the request waits in the list, its Review button takes the
        // focus and opens it again
        phone.keyboard().press("Escape");
        assertThat(prompt).isHidden();
        Locator review = phone.getByTestId("pending-request")
            .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Review"));
        assertThat(review).isFocused();
        Assertions.assertThat(phone.evaluate(FOCUSABLE, "#tabs button")).isEqualTo(true);
        phone.keyboard().press("Enter");
        assertThat(dialog).isVisible();
        assertThat(codeField).isFocused();
        codeField.fill(shown);
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

    /**
     * When the service cannot be reached (down, the connection refused, offline), the
     * pages say so, in the page's language, rather than that something went wrong.
     */
    @Test
    void whenTheServiceCannotBeReachedThePagesSaySo() {
        Page tv = chromium.device(1920, 1080);
        tv.route("**/api/**", com.microsoft.playwright.Route::abort);
        tv.navigate(url("/tv"));
        assertThat(tv.locator("#accounts")).hasText("Can't reach OneKey. Check the connection.");

        Page pc = chromium.device(1280, 800, "zh-CN");
        pc.navigate(url("/pc"));
        pc.context().setOffline(true);
        pc.getByLabel("账号名或手机号码").fill("dad");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送到我的手机")).click();
        assertThat(pc.locator("#askError")).hasText("无法连接 OneKey，请检查网络连接。");
        // the standard OAuth endpoints too: a QR code cannot be had
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("二维码")).click();
        assertThat(pc.locator("#qrError")).hasText("无法连接 OneKey，请检查网络连接。");
        pc.context().setOffline(false);
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

        // meanwhile the other TV's code is replaced shortly before its 10 s are up. While
        // it waits, its polls leave the browser's console clean: the token endpoint
        // answers each poll of a pending code with a 400, which the browser reports, so
        // the page asks where the code stands, and the token endpoint once it is
        // approved.
        Page otherTv = tv();
        List<String> consoleErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        otherTv.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        List<String> polls = new java.util.concurrent.CopyOnWriteArrayList<>();
        otherTv.onResponse(response -> {
            if (response.url().endsWith("/oauth2/token") || response.url().endsWith("/api/v1/device-codes/status")) {
                polls.add(response.status() + " " + response.url().replaceFirst("^http://[^/]+", ""));
            }
        });
        otherTv.getByTestId("method-qr_code").click();
        Locator userCode = otherTv.getByTestId("user-code");
        assertThat(userCode).hasText(Pattern.compile("[A-Z]{4}-[A-Z]{4}"));
        String first = userCode.textContent();
        assertThat(userCode).not().hasText(first, new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        Assertions.assertThat(polls)
            .as("the waiting screen's polls")
            .contains("200 /api/v1/device-codes/status")
            .allMatch(poll -> poll.equals("200 /api/v1/device-codes/status"));
        Assertions.assertThat(consoleErrors).as("console errors while the QR code waits").isEmpty();
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
        Assertions.assertThat(polls).as("the tokens, collected once").containsOnlyOnce("200 /oauth2/token");
        Assertions.assertThat(consoleErrors).as("console errors").isEmpty();

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

    /**
     * Who is who: Dad opts into the nickname "Dad" and a teal avatar on his phone; the
     * home TV's tile says "Dad" in teal, as his phone and the TV's home screen do. Once
     * the push channel's two-minute replay has passed, the phone's "Signed in on
     * Living-room TV" notice is still there after a reload, from the kept notifications,
     * with "That wasn't me" and "Sign it out", which still works.
     */
    @Test
    void dadsNicknameAndColourShowOnTheHomeTvAndHisNoticeSurvivesAReload() {
        try {
            Page phone = phoneSignedIn("dad", "Dad Liu");
            phone.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Settings")).click();
            Assertions.assertThat(phone.locator("#appearanceForm").textContent())
                .contains("Anyone on your home Wi-Fi can see this name");
            phone.getByLabel("Nickname").fill("Dad");
            phone.getByLabel("teal").check();
            phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(phone.locator("#toast")).hasText("Saved.");
            assertThat(phone.locator("#me .avatar")).hasAttribute("data-color", "teal");

            Page tv = tv();
            Locator dad = tv.getByTestId("account-recommendation").nth(0);
            assertThat(dad.locator(".name")).hasText("Dad");
            assertThat(dad.locator(".avatar")).hasAttribute("data-color", "teal");
            assertThat(tv.getByTestId("account-recommendation").nth(1).locator(".name")).hasText("m****");
            tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-nicknames.png")));
            tv.keyboard().press("Enter");
            assertThat(tv.getByTestId("home-title")).containsText("Welcome, Dad Liu");
            assertThat(tv.locator("#homeAvatar .avatar")).hasAttribute("data-color", "teal");

            phone.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Activity")).click();
            Locator notice = phone.getByTestId("signed-in-elsewhere").first(); // the
                                                                               // newest,
                                                                               // at the
                                                                               // top
            assertThat(notice).containsText("Signed in on Living-room TV");
            assertThat(notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("It was me")))
                .isVisible();
            int before = phone.getByTestId("signed-in-elsewhere").count();
            // past the two minutes a fresh push stream replays
            clock.advance(java.time.Duration.ofMinutes(3));
            phone.reload();
            assertThat(notice).containsText("Signed in on Living-room TV");
            assertThat(notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("It was me")))
                .isVisible();
            assertThat(phone.getByTestId("signed-in-elsewhere")).hasCount(before);
            assertThat(notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("That wasn't me")))
                .isVisible();
            notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign it out")).click();
            assertThat(notice).containsText("Signed out");
            assertThat(tv.locator("#signin")).isVisible();
        }
        finally {
            clearAppearance("dad");
        }
    }

    /**
     * One prompt at a time, newest first, withdrawn when the requester gives up: two PCs
     * of one name, from elsewhere (one behind an IPv6 address written out in full), ask
     * Dad's phone; their short ids tell them apart, where they are is said readably, and
     * each cancel withdraws its prompt with a toast that leaves the deny buttons free.
     */
    @Test
    void twoPcsOfOneNameAreToldApartAndEachCancelWithdrawsItsPrompt() {
        Page phone = phoneSignedIn("dad", "Dad Liu");
        Page firstPc = pcAsking("dad", "2001:db8:0:0:0:0:0:7");
        Locator prompt = phone.locator("#prompt");
        assertThat(prompt).isVisible();
        Locator where = phone.getByTestId("prompt-where");
        assertThat(where).hasText("Another network, 2001:db8::7");
        String firstDevice = phone.locator("#promptRequester dd").first().textContent();
        Assertions.assertThat(firstDevice).matches("Study PC \\(PC\\) #[0-9a-f]{4}");
        Assertions.assertThat(phone.locator("#promptRequester").textContent()).doesNotContain("0:0:0:0");
        assertThat(phone.locator("#promptCountdown")).hasText(Pattern.compile("Runs out in \\d+ seconds"));

        Page secondPc = pcAsking("dad", "198.51.100.23");
        Locator waiting = phone.getByTestId("pending-request");
        assertThat(waiting).hasCount(2);
        String newest = waiting.nth(0).locator(".meta").textContent();
        String older = waiting.nth(1).locator(".meta").textContent();
        Assertions.assertThat(newest).as("two devices of one name are told apart").isNotEqualTo(older);
        Assertions.assertThat(older).contains(firstDevice.substring(firstDevice.indexOf('#')));
        assertThat(phone.locator("#promptRequester dd").first()).hasText(firstDevice); // one
                                                                                       // prompt
                                                                                       // at
                                                                                       // a
                                                                                       // time

        firstPc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel")).click();
        assertThat(phone.locator("#toast")).hasText("The device that asked cancelled it.");
        assertThat(waiting).hasCount(1);
        assertThat(prompt).isVisible();
        assertThat(phone.locator("#promptRequester dd").first()).not().hasText(firstDevice);
        var toast = phone.locator("#toast").boundingBox();
        for (String deny : List.of("#denyMistake", "#denyNotMe")) {
            var button = phone.locator(deny).boundingBox();
            Assertions.assertThat(toast.y + toast.height <= button.y || button.y + button.height <= toast.y)
                .as("the toast leaves " + deny + " free")
                .isTrue();
        }
        phone.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-withdrawn.png")));

        secondPc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel")).click();
        assertThat(prompt).isHidden();
        assertThat(waiting).hasCount(0);
    }

    /**
     * Grandma, told to "use one of the other ways", has them on the PC: a text code and
     * the password; and the PC's QR code, scanned by a phone without the app, opens the
     * link page, which says what it is for before asking for a password.
     */
    @Test
    void thePcOffersThePasswordATextCodeAndAQrCodeThatTheLinkPageApproves() {
        Page pc = chromium.device(1280, 800);
        pc.navigate(url("/pc"));
        pc.getByLabel("Account name or phone number").fill("grandma");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to my phone")).click();
        assertThat(pc.locator("#askError")).containsText("use one of the other ways below");

        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("QR code")).click();
        Locator userCode = pc.getByTestId("pc-user-code");
        assertThat(userCode).hasText(Pattern.compile("[A-Z]{4}-[A-Z]{4}"));
        assertThat(pc.locator("#qrImage")).hasAttribute("src", Pattern.compile("/qr\\.svg$"));
        pc.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pc-qr.png")));

        // what the QR code opens on a phone without the app
        Page browser = chromium.device(390, 844);
        browser.navigate(url("/link?user_code=" + userCode.textContent()));
        Locator about = browser.getByTestId("link-about");
        assertThat(about).containsText("wants to use your OneKey account");
        assertThat(browser.locator("#openApp")).hasAttribute("href",
                "onekey://link?user_code=" + userCode.textContent());
        Locator password = browser.getByLabel("Password");
        assertThat(password).isVisible();
        Assertions.assertThat(about.boundingBox().y)
            .as("explained before any password field")
            .isLessThan(password.boundingBox().y);
        browser.getByLabel("Account name or phone number").fill("mum");
        password.fill(DemoHousehold.PASSWORD);
        browser.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        browser.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign it in to my account")).click();
        assertThat(pc.getByTestId("signed-in-as")).hasText("Signed in as Mum Liu");
        signOut(pc);

        // past the resend wait of a code texted to Grandma earlier
        clock.advance(java.time.Duration.ofMinutes(2));
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Text code")).click();
        pc.getByLabel("Phone number", new Page.GetByLabelOptions().setExact(true)).fill(GRANDMAS_NUMBER);
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send code")).click();
        assertThat(pc.locator("#smsHelp")).containsText("a 6-digit code is on its way");
        pc.getByLabel("Code from the text message").fill(textedCode(GRANDMAS_NUMBER));
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(pc.getByTestId("signed-in-as")).hasText("Signed in as Grandma Liu");
        signOut(pc);

        pc.getByLabel("Account name or phone number").fill("grandma");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Password").setExact(true)).click();
        pc.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(DemoHousehold.PASSWORD);
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(pc.getByTestId("signed-in-as")).hasText("Signed in as Grandma Liu");
        signOut(pc);
    }

    /**
     * Signing the PC out: the session's {@code signed_out} event reaches the page before
     * the sign-out's own answer (held here for a second), and neither tells the person
     * "This PC was signed out" for what they did themselves nor undoes the step they take
     * once the page is back on its first screen.
     */
    @Test
    void thePcsOwnSignOutEndsQuietlyAndKeepsTheNextStep() {
        Page pc = chromium.device(1280, 800);
        pc.navigate(url("/pc"));
        pc.getByLabel("Account name or phone number").fill("grandma");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Password").setExact(true)).click();
        pc.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(DemoHousehold.PASSWORD);
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(pc.getByTestId("signed-in-as")).hasText("Signed in as Grandma Liu");

        var held = new java.util.concurrent.atomic.AtomicReference<com.microsoft.playwright.Route>();
        pc.route("**/api/v1/sessions/current", route -> {
            if ("DELETE".equals(route.request().method())) {
                held.set(route);
            }
            else {
                route.resume();
            }
        });
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        pc.waitForCondition(() -> held.get() != null);
        // the service ends the session and sends signed_out; the page gets its answer a
        // second later
        var answer = held.get().fetch();
        Assertions.assertThat(answer.status()).isEqualTo(204);
        pc.waitForTimeout(1_000);
        held.get().fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(answer));

        assertThat(pc.locator("#ask")).isVisible();
        // checked now, not waited for: a toast hides itself after a few seconds
        Assertions.assertThat(pc.locator("#toast").isVisible()).as("a toast for the person's own sign-out").isFalse();
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Password").setExact(true)).click();
        Locator password = pc.getByLabel("Password", new Page.GetByLabelOptions().setExact(true));
        assertThat(password).isVisible();
        pc.waitForTimeout(500);
        Assertions.assertThat(password.isVisible()).as("the password screen the person opened is still there").isTrue();
    }

    /**
     * A browser in Chinese gets the pages in Simplified Chinese, the service's error
     * messages included; the switch on the TV, worked with the arrows and Enter, turns it
     * to English and back, and the choice outlives a reload.
     */
    @Test
    void aBrowserInChineseGetsThePagesInChineseAndTheSwitchIsKept() {
        Page phone = chromium.device(390, 844, "zh-CN");
        phone.navigate(url("/phone"));
        assertThat(phone.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(phone.locator("h1")).hasText("您的手机就是您的钥匙");
        assertThat(phone.getByLabel("账号名或手机号码")).isVisible();
        assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录").setExact(true)))
            .isVisible();

        Page pc = chromium.device(1280, 800, "zh-CN");
        pc.navigate(url("/pc"));
        assertThat(pc.locator("html")).hasAttribute("lang", "zh-CN");
        pc.getByLabel("账号名或手机号码").fill("nobody-lives-here");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发送到我的手机")).click();
        assertThat(pc.locator("#askError")).containsText("没有手机可以为这个账号确认登录");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("密码").setExact(true)).click();
        pc.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
        pc.locator("#password button[type=submit]").click();
        // the service's own message, in the page's language
        assertThat(pc.locator("#pwError")).hasText("账号或密码不正确。");
        Assertions.assertThat(pc.evaluate("() => OneKey.later(119)")).isEqualTo("2分钟后");
        Assertions.assertThat((String) pc.evaluate("() => OneKey.later(86020)")).matches("(今天|明天) \\d{2}:\\d{2}");

        Page tv = chromium.device(1920, 1080, "zh-CN");
        tv.navigate(url("/tv"));
        assertThat(tv.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(tv.locator("#signin h1")).hasText("谁在看？");
        assertThat(tv.getByTestId("network-kind")).hasText("家庭网络");
        assertThat(tv.getByTestId("method-qr_code")).containsText("二维码");
        assertNoTextUnder24px(tv);
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-sign-in-zh.png")));
        phone.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-sign-in-zh.png")));
        List<String> violations = new java.util.ArrayList<>();
        AccessibilityBrowserTest.scan(tv, "TV sign-in in Chinese", violations);
        Assertions.assertThat(violations).as("critical and serious accessibility violations").isEmpty();

        assertNoEnglishLeft(tv);
        assertNoEnglishLeft(phone);
        assertNoEnglishLeft(pc);

        // the start page, the QR code's link page and the hosted sign-in page
        Page start = chromium.device(1280, 800, "zh-CN");
        start.navigate(url("/"));
        assertThat(start.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(start.locator("h1")).hasText("在电视或电脑上，按一下就能登录。");
        assertThat(start.locator("#demo h3")).hasText("试一试");
        assertThat(start.locator(".device h2").first()).hasText("客厅电视");
        assertThat(start.locator("#demoSteps")).isVisible();
        assertNoEnglishLeft(start);

        Page link = chromium.device(390, 844, "zh-CN");
        link.navigate(url("/link?user_code=BCDF-GHJK"));
        assertThat(link.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(link.locator("h1")).hasText("登录电视");
        assertThat(link.getByTestId("link-about")).containsText("OneKey 账号");
        assertThat(link.getByLabel("账号名或手机号码")).isVisible();
        assertThat(link.locator("#openApp")).hasText("在 OneKey 应用中打开");
        assertNoEnglishLeft(link);
        link.navigate(url("/link"));
        assertThat(link.locator("#intro")).hasText("输入电视上显示的代码。");
        assertThat(link.getByLabel("电视上显示的代码")).isVisible();
        assertNoEnglishLeft(link);

        Page hosted = chromium.device(1280, 800, "zh-CN");
        hosted.navigate(url("/oauth2/authorize?response_type=code&client_id=onekey-demo-web&scope=openid%20profile"
                + "&redirect_uri=http://127.0.0.1:1/login/oauth2/code/onekey&state=zh"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
        assertThat(hosted.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(hosted.locator("#title")).hasText("登录");
        assertThat(hosted.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("二维码"))).isVisible();
        assertThat(hosted.getByLabel("账号名或手机号码").first()).isVisible();
        assertNoEnglishLeft(hosted);
        hosted.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("密码")).click();
        assertThat(hosted.locator("#passwordSecret")).isVisible();
        assertNoEnglishLeft(hosted);
        hosted.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("二维码")).click();
        assertThat(hosted.getByTestId("user-code")).hasText(Pattern.compile("[A-Z]{4}-[A-Z]{4}"));
        assertNoEnglishLeft(hosted);
        hosted.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("短信")).click();
        assertThat(hosted.locator("#smsNumber")).isVisible();
        assertNoEnglishLeft(hosted);

        // up from the accounts to the switch, then English
        tv.getByTestId("account-recommendation").first().focus();
        tv.keyboard().press("ArrowUp");
        assertThat(tv.locator(".language [data-language='en']")).isFocused();
        tv.keyboard().press("Enter");
        assertThat(tv.locator("html")).hasAttribute("lang", "en");
        assertThat(tv.locator("#signin h1")).hasText("Who's watching?");
        assertThat(tv.getByTestId("network-kind")).hasText("home network");
        tv.reload();
        assertThat(tv.locator("#signin h1")).hasText("Who's watching?");
        assertThat(tv.locator("html")).hasAttribute("lang", "en");

        // and back to Chinese
        tv.getByTestId("account-recommendation").first().focus();
        tv.keyboard().press("ArrowUp");
        tv.keyboard().press("ArrowRight");
        assertThat(tv.locator(".language [data-language='zh']")).isFocused();
        tv.keyboard().press("Enter");
        assertThat(tv.locator("html")).hasAttribute("lang", "zh-CN");
        assertThat(tv.locator("#signin h1")).hasText("谁在看？");
    }

    /** Waits said as people say them, by the one helper every page uses. */
    @Test
    void waitsAreSaidInWords() {
        Page pc = chromium.device(1280, 800);
        pc.navigate(url("/pc"));
        Assertions.assertThat(pc.evaluate("() => OneKey.later(119)")).isEqualTo("in 2 minutes");
        Assertions.assertThat(pc.evaluate("() => OneKey.later(45)")).isEqualTo("in 45 seconds");
        Assertions.assertThat((String) pc.evaluate("() => OneKey.later(86020)"))
            .matches("(today|tomorrow) at \\d{2}:\\d{2}( [AP]M)?");
        Assertions.assertThat(pc.evaluate("() => OneKey.place(false, '::1')")).isEqualTo("This computer (::1)");
    }

    /**
     * A PC asking from a public address, as the service sees it behind its reverse proxy.
     */
    private Page pcAsking(String login, String address) {
        Page pc = chromium.device(1280, 800);
        pc.context().setExtraHTTPHeaders(java.util.Map.of("X-Forwarded-For", address));
        pc.navigate(url("/pc"));
        pc.getByLabel("Account name or phone number").fill(login);
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to my phone")).click();
        assertThat(pc.getByTestId("verification-code")).hasText(Pattern.compile("\\d{2,6}"),
                new LocatorAssertions.HasTextOptions().setTimeout(5_000));
        return pc;
    }

    /** Back to the masked default, so the other stories see "d****". */
    private void clearAppearance(String login) {
        var api = new org.onekeylogin.support.Api(port);
        var signedIn = api.post("/api/v1/sign-in/password",
                java.util.Map.of("login", login, "password", DemoHousehold.PASSWORD, "device",
                        java.util.Map.of("id", "test-reset-" + login, "type", "pc", "name", "Reset")),
                null);
        String token = signedIn.at("/tokens/access_token");
        api.put("/api/v1/account/appearance", java.util.Map.of(), token);
        api.delete("/api/v1/sessions/current", token);
    }

    /**
     * Signs the PC page out and waits until the page has its answer and is back on its
     * first screen.
     */
    private static void signOut(Page pc) {
        pc.waitForRequestFinished(new Page.WaitForRequestFinishedOptions().setPredicate(
                request -> "DELETE".equals(request.method()) && request.url().endsWith("/api/v1/sessions/current")),
                () -> pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click());
        assertThat(pc.locator("#ask")).isVisible();
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

    /**
     * A page in Chinese leaves no English behind where the dictionary has a translation:
     * no visible text, title, label, placeholder or alternative text is one of
     * {@code i18n.js}'s English keys (nor holds one of several words).
     */
    private static void assertNoEnglishLeft(Page page) {
        Assertions.assertThat((List<?>) page.evaluate(ENGLISH_LEFT)).as("English left on " + page.url()).isEmpty();
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
