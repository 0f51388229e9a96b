package org.onekeylogin.token;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import com.example.stockwebapp.StockWebApp;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Chromium;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance of the authorization code flow: a stock Spring Boot web application
 * ({@link StockWebApp}, Spring Security's OAuth2 client configured with OneKey's issuer
 * and nothing else) signs a person in through OneKey's hosted sign-in page in Debian's
 * Chromium, by phone approval (the phone answers over the API), by password and by the QR
 * code, and its {@code /} greets them with the name from the ID token. The web app's
 * session is one of the account's signed-in devices.
 */
@ServiceTest
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the hosted page behaves alike on either database; AuthorizationCodeFlowTest runs the flow on PostgreSQL")
class HostedSignInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static Chromium chromium;

    static StockWebApp.Running webApp;

    final Api api;

    final TestAccounts accounts;

    HostedSignInBrowserTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @BeforeAll
    static void browser() {
        chromium = Chromium.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @BeforeEach
    void startWebApp() {
        if (webApp == null) {
            webApp = StockWebApp.start(api.base());
        }
    }

    @AfterEach
    void noScriptErrors() {
        chromium.closeDevices();
        assertThat(chromium.pageErrors()).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (webApp != null) {
            webApp.close();
            webApp = null;
        }
    }

    @Test
    void whenThePhoneApprovesThenTheWebAppGreetsThePersonByTheNameInTheIdToken() {
        TestAccounts.Account dad = accounts.register("Dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        Page browser = chromium.device(1280, 800);

        browser.navigate(webApp.base() + "/");
        assertThat(browser.locator("#phoneLogin")).isVisible();
        assertThat(browser).hasURL(java.util.regex.Pattern.compile(".*/signin\\.html\\?.*client_id=onekey-demo-web.*"));
        browser.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("hosted-sign-in.png")));
        browser.locator("#phoneLogin").fill(dad.loginName());
        browser.locator("#phoneAsk").click();

        assertThat(browser.getByTestId("verification-code")).hasText(java.util.regex.Pattern.compile("\\d+"));
        String code = browser.getByTestId("verification-code").textContent().strip();
        browser.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("hosted-sign-in-code.png")));
        Api.Response pending = api.get("/api/v1/approvals", phone.accessToken());
        assertThat(pending.at("/requests/0/requester/name")).isEqualTo("Web browser");
        Api.Response approved = api.post("/api/v1/approvals/" + pending.at("/requests/0/request_id") + "/approve",
                java.util.Map.of("code", code), phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);

        assertThat(browser.getByTestId("greeting")).hasText("Hello, Dad");
        assertThat(browser.getByTestId("subject")).hasText(dad.id());
        assertThat(browser.url()).startsWith(webApp.base());
        JsonNode session = webAppSession(phone);
        assertThat(session.path("method").asString()).isEqualTo("phone_approval");
        assertThat(session.at("/device/type").asString()).isEqualTo("pc");
        assertThat(api.get("/api/v1/sessions", phone.accessToken()).text())
            .as("the hosted page's own sign-in was handed to the browser and ended")
            .doesNotContain("\"name\":\"Web browser\"");
    }

    @Test
    void whenThePersonTypesThePasswordThenTheWebAppGreetsThem() {
        TestAccounts.Account mum = accounts.register("Mum");
        TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
        Page browser = chromium.device(1280, 800);

        browser.navigate(webApp.base() + "/");
        browser.locator("#tab-password").click();
        browser.locator("#passwordLogin").fill(mum.loginName());
        browser.locator("#passwordSecret").fill("not the password");
        browser.locator("#passwordSubmit").click();
        assertThat(browser.getByTestId("sign-in-error")).isVisible();
        browser.locator("#passwordSecret").fill(TestAccounts.PASSWORD);
        browser.locator("#passwordSubmit").click();

        assertThat(browser.getByTestId("greeting")).hasText("Hello, Mum");
        assertThat(webAppSession(phone).path("method").asString()).isEqualTo("password");
    }

    @Test
    void whenASignedInPhoneApprovesTheQrCodeThenTheWebAppGreetsThePerson() {
        TestAccounts.Account kid = accounts.register("Kid");
        TestAccounts.Device phone = accounts.signIn(kid, "phone", "Kid's phone");
        Page browser = chromium.device(1280, 800);

        browser.navigate(webApp.base() + "/");
        browser.locator("#tab-qr").click();
        assertThat(browser.getByTestId("user-code")).hasText(java.util.regex.Pattern.compile("\\S+"));
        String userCode = browser.getByTestId("user-code").textContent().strip();
        Api.Response approved = api.post("/api/v1/device-codes/" + userCode + "/approve", "{}", phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isLessThan(300);

        assertThat(browser.getByTestId("greeting")).hasText("Hello, Kid");
        assertThat(webAppSession(phone).path("method").asString()).isEqualTo("qr_code");
    }

    /** The web app's session among the account's signed-in devices. */
    JsonNode webAppSession(TestAccounts.Device phone) {
        for (JsonNode s : api.get("/api/v1/sessions", phone.accessToken()).json().path("sessions")) {
            if ("Demo web app".equals(s.at("/device/name").asString())) {
                return s;
            }
        }
        throw new AssertionError(
                "No session of the web app: " + api.get("/api/v1/sessions", phone.accessToken()).text());
    }

}
