package org.onekeylogin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds test data through the public API: unique accounts (tests share a database per
 * context) and signed-in devices.
 */
public final class TestAccounts {

    public static final String PASSWORD = "correct horse battery";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private final Api api;

    public TestAccounts(Api api) {
        this.api = api;
    }

    /** A registered account; {@code name} becomes part of a unique login name. */
    public record Account(String id, String loginName) {
    }

    /** A device signed in to an account, with its tokens. */
    public record Device(String deviceId, String sessionId, String accessToken, String refreshToken, String idToken) {
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    public Account register(String name) {
        String login = unique(name);
        Api.Response r = api.post("/api/v1/accounts",
                Map.of("login_name", login, "display_name", name, "password", PASSWORD), null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return new Account(r.field("id"), login);
    }

    public Device signIn(Account account, String type, String deviceName) {
        String deviceId = unique(type + "-device");
        Api.Response r = api.post("/api/v1/sign-in/password", Map.of("login", account.loginName(), "password", PASSWORD,
                "device", Map.of("id", deviceId, "type", type, "name", deviceName)), null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return new Device(deviceId, r.at("/session/id"), r.at("/tokens/access_token"), r.at("/tokens/refresh_token"),
                r.at("/tokens/id_token"));
    }

}
