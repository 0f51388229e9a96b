package org.onekeylogin.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.onekeylogin.support.Chromium;
import org.onekeylogin.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * axe-core (Deque's engine, through its Playwright integration) scans every screen of the
 * pages in Chromium, in the states people see them: no critical or serious violation of
 * WCAG 2.x A and AA. Runs with the browser test's service, so no second service starts,
 * and in the H2 run only.
 */
@ServiceTest
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "what the pages are does not depend on the database")
@TestPropertySource(
        properties = { DemoHouseholdTest.DEMO, DemoHouseholdTest.SHORT_APPROVALS, DemoHouseholdTest.SHORT_QR_CODES })
class AccessibilityBrowserTest {

    private static final Set<String> BLOCKING = Set.of("critical", "serious");

    static Chromium chromium;

    @LocalServerPort
    int port;

    @BeforeAll
    static void browser() {
        chromium = Chromium.shared();
    }

    @AfterEach
    void closeDevices() {
        chromium.closeDevices();
    }

    @Test
    void everyScreenHasNoCriticalOrSeriousViolation() {
        List<String> found = new ArrayList<>();

        Page tv = chromium.device(1920, 1080);
        tv.navigate(url("/tv"));
        assertThat(tv.getByTestId("account-recommendation").first()).isVisible();
        scan(tv, "TV sign-in", found);
        tv.getByTestId("method-qr_code").click();
        assertThat(tv.getByTestId("user-code")).hasText(Pattern.compile("[A-Z]{4}-[A-Z]{4}"));
        scan(tv, "TV QR code", found);

        Page phone = chromium.device(390, 844);
        phone.navigate(url("/phone"));
        scan(phone, "phone sign-in", found);
        phone.getByLabel("Account name or phone number").fill("dad");
        phone.getByLabel("Password").fill(DemoHousehold.PASSWORD);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(phone.locator("#me")).containsText("Dad Liu");
        scan(phone, "phone home", found);

        Page pc = chromium.device(1280, 800);
        pc.navigate(url("/pc"));
        scan(pc, "PC sign-in", found);
        pc.getByLabel("Account name or phone number").fill("dad");
        pc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to my phone")).click();
        assertThat(pc.getByTestId("verification-code")).hasText(Pattern.compile("\\d{2,6}"));
        scan(pc, "PC waiting", found);
        assertThat(phone.locator("#prompt")).isVisible();
        scan(phone, "phone approval prompt", found);

        Page web = chromium.device(1280, 800);
        web.navigate(url("/oauth2/authorize?response_type=code&client_id=onekey-demo-web&scope=openid%20profile"
                + "&redirect_uri=http://127.0.0.1:1/login/oauth2/code/onekey&state=a11y"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
        assertThat(web.getByLabel("Account name or phone number").first()).isVisible();
        scan(web, "hosted sign-in page", found);

        for (String path : List.of("/", "/link")) {
            Page page = chromium.device(1280, 800);
            page.navigate(url(path));
            scan(page, path, found);
        }

        Assertions.assertThat(found).as("critical and serious accessibility violations").isEmpty();
    }

    /**
     * Runs axe-core in the page itself (its "legacy mode"): the pages have no frames, so
     * that is the whole page, and it takes a third of the time of the frame-by-frame
     * mode, which opens a second page for every scan to put the frames' results together.
     */
    static void scan(Page page, String screen, List<String> found) {
        AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
            .setLegacyMode(true)
            .analyze();
        Assertions.assertThat(page.frames())
            .as("frames on " + screen + ", which the scan in the page leaves out")
            .hasSize(1);
        for (Rule violation : results.getViolations()) {
            if (BLOCKING.contains(violation.getImpact())) {
                List<String> targets = violation.getNodes()
                    .stream()
                    .limit(3)
                    .map(node -> String.valueOf(node.getTarget()))
                    .toList();
                found.add(screen + " (" + page.url() + "): " + violation.getId() + " (" + violation.getImpact() + ") "
                        + violation.getHelp() + " " + targets);
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

}
