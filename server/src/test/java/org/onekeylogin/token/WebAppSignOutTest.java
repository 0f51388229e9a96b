package org.onekeylogin.token;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.stockwebapp.StockWebApp;
import com.microsoft.playwright.Page;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Chromium;
import org.onekeylogin.support.RelyingParties;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Sign-out that reaches the app, as the acceptance has it: a stock Spring Boot
 * web app (Spring Security's OAuth2 client with its own back-channel logout switched on)
 * signs a person in through OneKey's hosted page in Chromium; the person's phone signs
 * that session out; OneKey's logout token reaches the app's back end, which ends its own
 * session, so the browser is no longer signed in to the app.
 */
@ServiceTest
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the browser and the app behave alike on either database; SignOutReachesTheAppTest sends the logout token on PostgreSQL")
class WebAppSignOutTest extends RelyingParties {

    static Chromium chromium;

    static StockWebApp.Running webApp;

    @Autowired
    MeterRegistry meters;

    final Api api;

    final TestAccounts accounts;

    WebAppSignOutTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @BeforeAll
    static void browser() {
        chromium = Chromium.shared();
    }

    @AfterAll
    static void stop() {
        if (webApp != null) {
            webApp.close();
            webApp = null;
        }
        if (chromium != null) {
            chromium.closeDevices();
        }
    }

    @Test
    void whenThePhoneSignsTheWebAppsSessionOutThenTheAppsBackEndEndsItsOwnSession() {
        if (webApp == null) {
            webApp = StockWebApp.start(api.base(), WEB_APP_PORT, WEB_CLIENT);
        }
        TestAccounts.Account gran = accounts.register("Gran");
        TestAccounts.Device phone = accounts.signIn(gran, "phone", "Gran's phone");
        Page browser = chromium.device(1280, 800);
        browser.navigate(webApp.base() + "/");
        browser.locator("#tab-password").click();
        browser.locator("#passwordLogin").fill(gran.loginName());
        browser.locator("#passwordSecret").fill(TestAccounts.PASSWORD);
        browser.locator("#passwordSubmit").click();
        assertThat(browser.getByTestId("greeting")).hasText("Hello, Gran");
        browser.navigate(webApp.base() + "/");
        assertThat(browser.getByTestId("greeting")).hasText("Hello, Gran"); // the app's
                                                                            // own session
                                                                            // holds

        String webSession = null;
        for (JsonNode s : api.get("/api/v1/sessions", phone.accessToken()).json().path("sessions")) {
            if ("Stock web app".equals(s.at("/device/name").asString())) {
                webSession = s.path("id").asString();
            }
        }
        assertThat(webSession).as("the web app's session is one of Gran's devices").isNotNull();
        assertThat(api.delete("/api/v1/sessions/" + webSession, phone.accessToken()).status()).isEqualTo(204);

        // the logout token travels after the sign-out commits; the app then ends its
        // session
        long deadline = System.nanoTime() + 15_000_000_000L;
        boolean signedOut = false;
        while (!signedOut && System.nanoTime() < deadline) {
            browser.navigate(webApp.base() + "/");
            signedOut = !browser.url().startsWith(webApp.base());
            if (!signedOut) {
                browser.waitForTimeout(200);
            }
        }
        assertThat(signedOut).as("the app sent the browser to sign in again").isTrue();
        var delivered = meters.find("onekey.backchannel.logout")
            .tags("client", WEB_CLIENT, "outcome", "delivered")
            .counter();
        assertThat(delivered).as("the app's back end took OneKey's logout token").isNotNull();
        assertThat(delivered.count()).isPositive();
        assertThat(browser).hasURL(Pattern.compile(".*/signin\\.html\\?.*client_id=stock-web.*"));
    }

}
