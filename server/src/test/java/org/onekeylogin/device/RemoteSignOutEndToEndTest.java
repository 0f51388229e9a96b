package org.onekeylogin.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The foundation's acceptance story over real HTTP: register, sign in on a phone,
 * introspect, open the push channel, sign the phone out from a second device; the phone
 * hears {@code signed_out} and its tokens are dead.
 */
@ServiceTest
class RemoteSignOutEndToEndTest {

    private static final String BACKEND = "onekey-backend";

    private static final String BACKEND_SECRET = "change-me-backend-secret";

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    RemoteSignOutEndToEndTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenAnotherDeviceSignsThePhoneOutThenItsStreamHearsItAndItsTokensStopWorking() {
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        assertThat(introspect(phone.accessToken()).json().path("active").asBoolean()).isTrue();
        assertThat(introspect(phone.accessToken()).field("sid")).isEqualTo(phone.sessionId());

        try (EventStream stream = api.stream(phone.accessToken(), null)) {
            assertThat(stream.awaitOpen()).isEqualTo(200);
            TestAccounts.Device tablet = accounts.signIn(dad, "tablet", "Dad's tablet");

            Api.Response listed = api.get("/api/v1/sessions", tablet.accessToken());
            assertThat(listed.json().path("sessions").size()).isEqualTo(2);

            Api.Response signOut = api.delete("/api/v1/sessions/" + phone.sessionId(), tablet.accessToken());
            assertThat(signOut.status()).as(signOut.text()).isEqualTo(204);

            EventStream.Event event = stream.next(Duration.ofSeconds(1));
            assertThat(event).as("signed_out within a second").isNotNull();
            assertThat(event.name()).isEqualTo("signed_out");
            assertThat(event.json().path("session_id").asString()).isEqualTo(phone.sessionId());
            assertThat(event.json().path("reason").asString()).isEqualTo("remote_sign_out");
            assertThat(event.json().at("/by_device/name").asString()).isEqualTo("Dad's tablet");
            assertThat(stream.awaitEnd(Duration.ofSeconds(5))).as("stream closed after sign-out").isTrue();
        }

        Api.Response refresh = api.form("/oauth2/token", Api.fields("grant_type", "refresh_token", "client_id",
                "onekey-device", "refresh_token", phone.refreshToken()));
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.field("error")).isEqualTo("invalid_grant");

        Api.Response rejected = api.get("/api/v1/sessions", phone.accessToken());
        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.field("code")).isEqualTo("invalid_token");
        assertThat(rejected.header("WWW-Authenticate")).contains("invalid_token");

        assertThat(introspect(phone.accessToken()).json().path("active").asBoolean()).isFalse();
    }

    @Test
    void whenARefreshTokenIsUsedTwiceThenItIsRefusedAndTheSessionEnds() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("mum"), "phone", "Mum's phone");

        Api.Response first = api.form("/oauth2/token", Api.fields("grant_type", "refresh_token", "client_id",
                "onekey-device", "refresh_token", phone.refreshToken()));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.field("refresh_token")).isNotBlank().isNotEqualTo(phone.refreshToken());
        assertThat(first.field("id_token")).isNotBlank();
        assertThat(api.get("/api/v1/account", first.field("access_token")).status()).isEqualTo(200);
        Api.Response stale = api.get("/api/v1/account", phone.accessToken());
        assertThat(stale.status()).as("the refreshed-away access token stops working at once").isEqualTo(401);
        assertThat(stale.field("message")).contains("replaced");

        // past the grace window in which a duplicate of that refresh would get the same
        // answer
        clock.advance(Duration.ofSeconds(6));
        Api.Response replay = api.form("/oauth2/token", Api.fields("grant_type", "refresh_token", "client_id",
                "onekey-device", "refresh_token", phone.refreshToken()));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.field("error")).isEqualTo("invalid_grant");

        // a copy of the old refresh token exists somewhere: nobody keeps the session
        assertThat(api.get("/api/v1/account", first.field("access_token")).status()).isEqualTo(401);
        Api.Response newest = api.form("/oauth2/token", Api.fields("grant_type", "refresh_token", "client_id",
                "onekey-device", "refresh_token", first.field("refresh_token")));
        assertThat(newest.field("error")).isEqualTo("invalid_grant");
    }

    @Test
    void whenTheDeviceRevokesItsRefreshTokenThenItsSessionEnds() {
        TestAccounts.Account kid = accounts.register("kid");
        TestAccounts.Device pc = accounts.signIn(kid, "pc", "Kid's PC");
        TestAccounts.Device phone = accounts.signIn(kid, "phone", "Kid's phone");

        Api.Response revoked = api.form("/oauth2/revoke", Api.fields("token", pc.refreshToken(), "token_type_hint",
                "refresh_token", "client_id", "onekey-device"));
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);

        assertThat(api.get("/api/v1/sessions", pc.accessToken()).status()).isEqualTo(401);
        Api.Response remaining = api.get("/api/v1/sessions", phone.accessToken());
        assertThat(remaining.json().path("sessions").size()).isEqualTo(1);
        assertThat(remaining.at("/sessions/0/id")).isEqualTo(phone.sessionId());
    }

    @Test
    void whenOnlyTheAccessTokenIsRevokedThenTheApiRefusesItButTheDeviceStaysSignedIn() {
        TestAccounts.Device tv = accounts.signIn(accounts.register("grandma"), "tv", "Living-room TV");
        Api.Response revoked = api.form("/oauth2/revoke",
                Api.fields("token", tv.accessToken(), "token_type_hint", "access_token", "client_id", "onekey-device"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/account", tv.accessToken()).status()).isEqualTo(401);

        Api.Response refreshed = api.form("/oauth2/token", Api.fields("grant_type", "refresh_token", "client_id",
                "onekey-device", "refresh_token", tv.refreshToken()));
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(api.get("/api/v1/account", refreshed.field("access_token")).status()).isEqualTo(200);
    }

    @Test
    void whenADeviceSignsItselfOutThenItsTokenIsRejected() {
        TestAccounts.Device tv = accounts.signIn(accounts.register("grandma"), "tv", "Living-room TV");
        assertThat(api.delete("/api/v1/sessions/current", tv.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/account", tv.accessToken()).status()).isEqualTo(401);
    }

    private Api.Response introspect(String token) {
        return api.form("/oauth2/introspect", Api.fields("token", token), BACKEND, BACKEND_SECRET);
    }

}
