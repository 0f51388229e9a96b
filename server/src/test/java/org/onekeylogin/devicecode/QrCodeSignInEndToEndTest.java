package org.onekeylogin.devicecode;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.LogCapture;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Duration;

/**
 * QR-code sign-in (RFC 8628) over real HTTP: the TV asks Spring's device authorization
 * endpoint, shows the QR code, the signed-in phone sees which device asks and approves or
 * denies, the TV's poll gets tokens or access_denied.
 */
@ServiceTest
class QrCodeSignInEndToEndTest {

    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    QrCodeSignInEndToEndTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenThePhoneApprovesTheCodeShownOnTheTvThenTheTvIsSignedIntoThePhonesAccount() throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");

        Api.Response code = deviceAuthorization(TestAccounts.unique("tv"));
        assertThat(code.status()).as(code.text()).isEqualTo(200);
        String userCode = code.field("user_code");
        assertThat(userCode).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(code.field("verification_uri")).isEqualTo(api.base() + "/link");
        assertThat(code.field("verification_uri_complete")).isEqualTo(api.base() + "/link?user_code=" + userCode);

        assertThat(poll(code.field("device_code")).field("error")).isEqualTo("authorization_pending");
        assertThat(decodeQr(userCode)).isEqualTo(code.field("verification_uri_complete"));

        String typed = userCode.replace("-", "").toLowerCase(Locale.ROOT);
        Api.Response shown = api.get("/api/v1/device-codes/" + typed, phone.accessToken());
        assertThat(shown.status()).as(shown.text()).isEqualTo(200);
        assertThat(shown.field("device_name")).isEqualTo("Living-room TV");
        assertThat(shown.field("device_type")).isEqualTo("tv");
        assertThat(shown.field("ip_address")).isEqualTo("127.0.0.1");

        Api.Response approved = api.post("/api/v1/device-codes/" + userCode + "/approve", "{}", phone.accessToken());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);

        Api.Response tokens = poll(code.field("device_code"));
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        String tvToken = tokens.field("access_token");
        assertThat(api.get("/api/v1/account", tvToken).field("login_name")).isEqualTo(dad.loginName());
        Api.Response sessions = api.get("/api/v1/sessions", phone.accessToken());
        assertThat(sessions.text()).contains("qr_code").contains("Living-room TV");

        Api.Response again = poll(code.field("device_code"));
        assertThat(again.status()).as("tokens are handed out once").isEqualTo(400);
        assertThat(again.field("access_token")).isNull();
        assertThat(api.post("/api/v1/device-codes/" + userCode + "/approve", "{}", phone.accessToken()).field("code"))
            .as("this phone approved it already")
            .isEqualTo("device_code_already_decided");
        TestAccounts.Device stranger = accounts.signIn(accounts.register("stranger"), "phone", "Someone's phone");
        assertThat(
                api.post("/api/v1/device-codes/" + userCode + "/approve", "{}", stranger.accessToken()).field("code"))
            .as("to anyone else the code is simply unknown")
            .isEqualTo("device_code_not_found");

        String tvSession = api.get("/api/v1/sessions", tvToken).at("/sessions/0/id");
        assertThat(api.delete("/api/v1/sessions/" + tvSession, phone.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/account", tvToken).status()).as("signed out with its session").isEqualTo(401);
    }

    @Test
    void whenThePhoneApprovesOneCodeSeveralTimesAtOnceThenOneApprovalWinsAndTheTvSignsIn() {
        for (int round = 0; round < 8; round++) {
            // a phone per round: looking codes up is rate-limited per session
            TestAccounts.Account mum = accounts.register("mum");
            TestAccounts.Device phone = accounts.signIn(mum, "phone", "Mum's phone");
            int taps = round % 2 == 0 ? 2 : 4;
            Api.Response code = deviceAuthorization(TestAccounts.unique("tv"));
            String userCode = code.field("user_code");

            List<Api.Response> answers = Concurrently.run(taps,
                    i -> api.post("/api/v1/device-codes/" + userCode + "/approve", "{}", phone.accessToken()));

            assertThat(answers.stream().filter(r -> r.status() == 200)).as("round %d: %s", round, answers).hasSize(1);
            assertThat(answers.stream().filter(r -> r.status() != 200)).as("round %d", round)
                .hasSize(taps - 1)
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.text()).isEqualTo(409);
                    assertThat(r.field("code")).isEqualTo("device_code_already_decided");
                });
            Api.Response tokens = poll(code.field("device_code"));
            assertThat(tokens.status()).as("round %d: the TV signs in: %s", round, tokens.text()).isEqualTo(200);
            assertThat(api.get("/api/v1/account", tokens.field("access_token")).field("login_name"))
                .isEqualTo(mum.loginName());
        }
    }

    @Test
    void whenTheQrCodeIsOpenedInABrowserThenTheVerificationPageIsServed() {
        Api.Response page = api.raw("GET", "/link?user_code=BCDF-GHJK", null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("/api/v1/device-codes/").contains("Sign it in to my account");
    }

    @Test
    void whenThePhoneDeniesThenTheTvsPollGetsAccessDenied() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("mum"), "phone", "Mum's phone");
        Api.Response code = deviceAuthorization(TestAccounts.unique("tv"));
        assertThat(api.post("/api/v1/device-codes/" + code.field("user_code") + "/deny", "{}", phone.accessToken())
            .status()).isEqualTo(200);
        assertThat(poll(code.field("device_code")).field("error")).isEqualTo("access_denied");
    }

    @Test
    void whenTheCodeHasExpiredThenThePhoneCannotApproveIt() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("mum"), "phone", "Mum's phone");
        Api.Response code = deviceAuthorization(TestAccounts.unique("tv"));
        clock.advance(Duration.ofSeconds(code.json().path("expires_in").asLong() + 1));
        Api.Response late = api.post("/api/v1/device-codes/" + code.field("user_code") + "/approve", "{}",
                phone.accessToken());
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.field("code")).isEqualTo("device_code_expired");
    }

    @Test
    void whenWrongCodesAreTriedThenTheyAreRefusedAndThenRateLimited() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("kid"), "phone", "Kid's phone");
        Api.Response malformed = api.get("/api/v1/device-codes/12345", phone.accessToken());
        assertThat(malformed.status()).isEqualTo(400);
        int status = 0;
        for (int i = 0; i < 12 && status != 429; i++) {
            Api.Response wrong = api.get("/api/v1/device-codes/BCDF-GHJK", phone.accessToken());
            status = wrong.status();
            if (status != 429) {
                assertThat(wrong.field("code")).isEqualTo("device_code_not_found");
            }
        }
        assertThat(status).as("guessing is rate-limited").isEqualTo(429);
    }

    /**
     * OneKey's extension for a screen that waits on its code: the status answers 200
     * while the phone has not decided (a browser reports every 400 of the standard poll
     * as a failed request), says when the token endpoint has the tokens, and neither way
     * of polling writes a warning or an error to the service's log.
     */
    @Test
    void whileTheCodeWaitsTheStatusAnswers200AndTheTokensStillComeOnceFromTheTokenEndpoint() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("dad"), "phone", "Dad's phone");
        Api.Response code = deviceAuthorization(TestAccounts.unique("tv"));
        String deviceCode = code.field("device_code");
        long lifetime = code.json().path("expires_in").asLong();

        try (LogCapture log = LogCapture.start()) {
            for (int poll = 0; poll < 3; poll++) {
                Api.Response pending = status(deviceCode);
                assertThat(pending.status()).as(pending.text()).isEqualTo(200);
                assertThat(pending.field("status")).isEqualTo("pending");
                assertThat(pending.json().path("expires_in").asLong()).isPositive().isLessThanOrEqualTo(lifetime);
                Api.Response standard = poll(deviceCode);
                assertThat(standard.status()).as("the token endpoint answers as RFC 8628 says").isEqualTo(400);
                assertThat(standard.field("error")).isEqualTo("authorization_pending");
            }
            log.settle(Duration.ofMillis(300),
                    lines -> !lines.stream()
                        .filter(line -> line.level().isGreaterOrEqual(Level.WARN))
                        .toList()
                        .isEmpty());
            assertThat(log.atOrAbove(Level.WARN)).as("no warning or error per poll").isEmpty();
        }

        assertThat(api.post("/api/v1/device-codes/" + code.field("user_code") + "/approve", "{}", phone.accessToken())
            .status()).isEqualTo(200);
        assertThat(status(deviceCode).field("status")).isEqualTo("approved");
        Api.Response tokens = poll(deviceCode);
        assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
        assertThat(status(deviceCode).field("status")).as("the tokens were collected").isEqualTo("consumed");
        assertThat(poll(deviceCode).status()).as("and only once").isEqualTo(400);

        Api.Response denied = deviceAuthorization(TestAccounts.unique("tv"));
        api.post("/api/v1/device-codes/" + denied.field("user_code") + "/deny", "{}", phone.accessToken());
        assertThat(status(denied.field("device_code")).field("status")).isEqualTo("denied");

        Api.Response late = deviceAuthorization(TestAccounts.unique("tv"));
        clock.advance(Duration.ofSeconds(late.json().path("expires_in").asLong() + 1));
        Api.Response expired = status(late.field("device_code"));
        assertThat(expired.field("status")).isEqualTo("expired");
        assertThat(expired.json().path("expires_in").asLong()).isZero();
    }

    @Test
    void aDeviceCodeTheServiceDoesNotKnowIsRefusedInTheErrorShape() {
        Api.Response unknown = status("not-a-device-code");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("status").asInt()).isEqualTo(404);
        assertThat(unknown.field("code")).isEqualTo("device_code_not_found");
        assertThat(unknown.field("message")).isNotBlank();

        Api.Response missing = api.post("/api/v1/device-codes/status", "{}", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field("code")).isEqualTo("validation_failed");
        assertThat(missing.at("/details/field")).isEqualTo("device_code");

        Api.Response userCodeInstead = status(deviceAuthorization(TestAccounts.unique("tv")).field("user_code"));
        assertThat(userCodeInstead.status()).as("the user code is not the device's handle").isEqualTo(404);
        assertThat(api.raw("POST", "/api/v1/device-codes/status", "application/json", "[1,", Map.of()).field("code"))
            .isEqualTo("malformed_json");
    }

    private Api.Response status(String deviceCode) {
        return api.post("/api/v1/device-codes/status", Map.of("device_code", deviceCode), null);
    }

    private Api.Response deviceAuthorization(String deviceId) {
        return api.form("/oauth2/device_authorization", Api.fields("client_id", "onekey-device", "scope", "profile",
                "device_id", deviceId, "device_type", "tv", "device_name", "Living-room TV"));
    }

    private Api.Response poll(String deviceCode) {
        return api.form("/oauth2/token",
                Api.fields("grant_type", DEVICE_GRANT, "device_code", deviceCode, "client_id", "onekey-device"));
    }

    private String decodeQr(String userCode) throws Exception {
        HttpResponse<byte[]> png = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/device-codes/" + userCode + "/qr.png"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        // the served image itself, not a photo of it: read it as a pure code. ZXing's
        // finder-pattern search, made for camera pictures, missed 3 of 300 served codes
        // in a check, and all three read as pure codes
        return new QRCodeReader()
            .decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
            .getText();
    }

}
