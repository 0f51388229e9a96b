package org.onekeylogin.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Chromium;
import org.onekeylogin.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The product's stories as a person lives them: the demo pages in Debian's Chromium,
 * several devices (browser profiles) at once, against the service started with the demo
 * household. Screenshots of the main screens are written to {@code target/screenshots}.
 */
@ServiceTest
@TestPropertySource(properties = "onekey.demo.enabled=true")
class DemoHouseholdBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static Chromium chromium;

    @LocalServerPort
    int port;

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
        tv.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tv-sign-in.png")));

        tv.keyboard().press("Enter");
        assertThat(tv.getByTestId("home-title")).containsText("Welcome, Dad Liu");
        assertThat(tv.locator("#homeMethod")).hasText("Signed in by your home network");
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
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Devices")).click();
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

        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Devices")).click();
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
