package org.onekeylogin.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Clob;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.onekeylogin.sms.SmsOutbox;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.token.internal.PlainTokenUpgrade;
import org.onekeylogin.token.internal.TokenHashes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a copy of the database shows of the secrets the service hands out: after a
 * password sign-in, a refresh, an operator token, a QR-code sign-in (one code approved,
 * one still pending) and an SMS sign-in over real HTTP, no access token, refresh token,
 * ID token, device code, user code (in any spelling) or SMS code appears in any column of
 * {@code oauth2_authorization} or {@code sms_outbox}, while every flow that looks them up
 * still works. The stored hashes themselves are no tokens.
 */
@ServiceTest
class SecretsAtRestTest {

    private static final String BACKEND = "onekey-backend";

    private static final String BACKEND_SECRET = "change-me-backend-secret";

    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SmsOutbox outbox;

    @Autowired
    TokenHashes hashes;

    @Autowired
    PlainTokenUpgrade upgrade;

    final Api api;

    final TestAccounts accounts;

    SecretsAtRestTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    @Test
    void whenEveryKindOfTokenAndCodeHasBeenIssuedThenTheTablesHoldNoneOfThemAndAllStillWork() {
        Set<String> secrets = new LinkedHashSet<>();

        // password sign-in and a refresh
        TestAccounts.Account dad = accounts.register("dad");
        TestAccounts.Device phone = accounts.signIn(dad, "phone", "Dad's phone");
        addTokens(secrets, phone.accessToken(), phone.refreshToken(), phone.idToken());
        Api.Response refreshed = refresh(phone.refreshToken());
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        addTokens(secrets, refreshed.field("access_token"), refreshed.field("refresh_token"),
                refreshed.field("id_token"));
        assertThat(introspect(refreshed.field("access_token")).json().path("active").asBoolean()).isTrue();
        assertThat(introspect(refreshed.field("refresh_token")).json().path("active").asBoolean()).isTrue();
        assertThat(introspect(phone.accessToken()).json().path("active").asBoolean()).as("replaced").isFalse();
        assertThat(jdbc.sql("SELECT refresh_token_value FROM oauth2_authorization WHERE id = ?")
            .param(phone.sessionId())
            .query(String.class)
            .single()).as("kept as its keyed hash").isEqualTo(hashes.lookup(refreshed.field("refresh_token")));

        // an operator's client-credentials token
        Api.Response operator = api.form("/oauth2/token",
                Api.fields("grant_type", "client_credentials", "scope", "operator"), BACKEND, BACKEND_SECRET);
        assertThat(operator.status()).as(operator.text()).isEqualTo(200);
        addTokens(secrets, operator.field("access_token"), null, null);
        assertThat(introspect(operator.field("access_token")).json().path("active").asBoolean()).isTrue();

        // QR-code sign-in: the phone looks the code up typed in lower case, approves, the
        // TV's poll gets tokens
        Api.Response code = deviceAuthorization();
        assertThat(code.status()).as(code.text()).isEqualTo(200);
        addCodes(secrets, code);
        assertThat(poll(code.field("device_code")).field("error")).isEqualTo("authorization_pending");
        String typed = code.field("user_code").replace("-", "").toLowerCase(Locale.ROOT);
        Api.Response shown = api.get("/api/v1/device-codes/" + typed, refreshed.field("access_token"));
        assertThat(shown.status()).as(shown.text()).isEqualTo(200);
        assertThat(shown.field("device_name")).isEqualTo("Living-room TV");
        assertThat(
                api.post("/api/v1/device-codes/" + typed + "/approve", "{}", refreshed.field("access_token")).status())
            .isEqualTo(200);
        Api.Response tv = poll(code.field("device_code"));
        assertThat(tv.status()).as(tv.text()).isEqualTo(200);
        addTokens(secrets, tv.field("access_token"), tv.field("refresh_token"), tv.field("id_token"));
        assertThat(api.get("/api/v1/account", tv.field("access_token")).field("login_name")).isEqualTo(dad.loginName());
        Api.Response pending = deviceAuthorization();
        addCodes(secrets, pending);
        assertThat(poll(pending.field("device_code")).field("error")).isEqualTo("authorization_pending");

        // SMS sign-in: the code read back through the outbox
        String number = accountWithPhone();
        Map<String, Object> bedroomTv = Map.of("id", TestAccounts.unique("tv-sms"), "type", "tv", "name", "Bedroom TV");
        Api.Response requested = api.post("/api/v1/sign-in/sms-code",
                Map.of("phone_number", number, "device", bedroomTv), null);
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        String smsCode = codeSentTo(number);
        Api.Response smsSignIn = api.post("/api/v1/sign-in/sms",
                Map.of("phone_number", number, "code", smsCode, "device", bedroomTv), null);
        assertThat(smsSignIn.status()).as(smsSignIn.text()).isEqualTo(200);
        addTokens(secrets, smsSignIn.at("/tokens/access_token"), smsSignIn.at("/tokens/refresh_token"),
                smsSignIn.at("/tokens/id_token"));
        String smsSession = smsSignIn.at("/session/id");

        assertNothingStoredOf(secrets, smsCode, Set.of(phone.sessionId(), smsSession), number);

        // revocation finds the tokens by their hashes, and saves the result hashed too
        assertThat(revoke(refreshed.field("access_token"), "access_token").status()).isEqualTo(200);
        assertThat(introspect(refreshed.field("access_token")).json().path("active").asBoolean()).isFalse();
        assertThat(introspect(refreshed.field("refresh_token")).json().path("active").asBoolean()).isTrue();
        assertThat(revoke(smsSignIn.at("/tokens/refresh_token"), null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/account", smsSignIn.at("/tokens/access_token")).status())
            .as("revoking the refresh token signed the device out")
            .isEqualTo(401);
        assertThat(refresh(smsSignIn.at("/tokens/refresh_token")).field("error")).isEqualTo("invalid_grant");
        Api.Response again = refresh(refreshed.field("refresh_token"));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        addTokens(secrets, again.field("access_token"), again.field("refresh_token"), again.field("id_token"));

        assertNothingStoredOf(secrets, smsCode, Set.of(phone.sessionId()), number);
    }

    @Test
    void whenAStoredHashIsPresentedAsATokenThenItIsRefused() {
        TestAccounts.Device phone = accounts.signIn(accounts.register("mum"), "phone", "Mum's phone");
        record Stored(String access, String refresh) {
        }
        Stored stored = jdbc
            .sql("SELECT access_token_value, refresh_token_value FROM oauth2_authorization WHERE id = ?")
            .param(phone.sessionId())
            .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2)))
            .single();
        assertThat(stored.refresh()).startsWith("h1:");

        Api.Response refreshWithHash = refresh(stored.refresh());
        assertThat(refreshWithHash.status()).isEqualTo(400);
        assertThat(refreshWithHash.field("error")).isEqualTo("invalid_grant");
        assertThat(introspect(stored.access()).json().path("active").asBoolean()).isFalse();
        assertThat(introspect(stored.refresh()).json().path("active").asBoolean()).isFalse();
        assertThat(refresh(phone.refreshToken()).status()).as("the real token still works").isEqualTo(200);
    }

    @Test
    void whenTokensWereKeptInPlainTextBeforeTheUpgradeThenNodesStartingTogetherHashEachOnceAndTheyStillWork() {
        for (int round = 0; round < 5; round++) {
            TestAccounts.Device phone = accounts.signIn(accounts.register("gran"), "phone", "Gran's phone");
            // as a version before the hashing stored them
            jdbc.sql("UPDATE oauth2_authorization SET access_token_value = ?, refresh_token_value = ?, "
                    + "oidc_id_token_value = ? WHERE id = ?")
                .params(phone.accessToken(), phone.refreshToken(), phone.idToken(), phone.sessionId())
                .update();

            List<Integer> hashed = Concurrently.run(4, i -> upgrade.hashPlainTokens());

            assertThat(hashed.stream().mapToInt(Integer::intValue).sum()).as("round %d: %s", round, hashed)
                .isEqualTo(3);
            assertThat(upgrade.hashPlainTokens()).as("nothing left to do").isZero();
            assertThat(jdbc.sql("SELECT refresh_token_value FROM oauth2_authorization WHERE id = ?")
                .param(phone.sessionId())
                .query(String.class)
                .single()).isEqualTo(hashes.lookup(phone.refreshToken()));
            assertThat(introspect(phone.accessToken()).json().path("active").asBoolean()).isTrue();
            Api.Response refreshed = refresh(phone.refreshToken());
            assertThat(refreshed.status()).as("round %d: %s", round, refreshed.text()).isEqualTo(200);
        }
    }

    @Test
    void theUpgradeScansTheTokensOnceAndLaterStartsSkipIt() {
        assertThat(upgrade.upgradeOnce()).as("the service's start did it already").isFalse();
        jdbc.sql("DELETE FROM one_time_task WHERE name = 'hash-plain-tokens'").update();
        TestAccounts.Device phone = accounts.signIn(accounts.register("pa"), "phone", "Pa's phone");
        jdbc.sql("UPDATE oauth2_authorization SET refresh_token_value = ? WHERE id = ?")
            .params(phone.refreshToken(), phone.sessionId())
            .update();

        List<Boolean> ran = Concurrently.run(3, i -> upgrade.upgradeOnce());

        assertThat(ran).as("without its mark, a start scans again").contains(true);
        assertThat(upgrade.upgradeOnce()).as("and marks it done").isFalse();
        assertThat(refresh(phone.refreshToken()).status()).isEqualTo(200);
    }

    /**
     * Searches every column of the tables that hold tokens and codes or their hashes. The
     * six digits of the SMS code are searched as a number of their own, not inside longer
     * runs of digits and hex (hashes, times, the phone number), where six given digits
     * occur by chance.
     */
    private void assertNothingStoredOf(Set<String> secrets, String smsCode, Set<String> sessionIds, String smsNumber) {
        assertThat(secrets).doesNotContainNull().allSatisfy(secret -> assertThat(secret).isNotBlank());
        List<Map<String, Object>> authorizations = jdbc.sql("SELECT * FROM oauth2_authorization").query().listOfRows();
        List<Map<String, Object>> texts = jdbc.sql("SELECT * FROM sms_outbox").query().listOfRows();
        List<Map<String, Object>> deviceRequests = jdbc.sql("SELECT * FROM device_code_request").query().listOfRows();
        List<Map<String, Object>> smsCodes = jdbc.sql("SELECT * FROM sms_code").query().listOfRows();
        assertThat(deviceRequests).as("the device-code requests looked at").isNotEmpty();
        assertThat(smsCodes).as("the SMS codes looked at").isNotEmpty();
        assertThat(authorizations).extracting(row -> row.get("id")).as("the rows looked at").containsAll(sessionIds);
        assertThat(texts).extracting(row -> row.get("phone_number")).contains(smsNumber);
        List<String> stored = new ArrayList<>();
        for (List<Map<String, Object>> table : List.of(authorizations, texts, deviceRequests, smsCodes)) {
            for (Map<String, Object> row : table) {
                row.values().forEach(value -> stored.add(text(value)));
            }
        }
        for (String secret : secrets) {
            assertThat(stored).as("no column holds %s", secret).noneMatch(value -> value.contains(secret));
        }
        Pattern code = Pattern.compile("(?<![0-9a-fA-F])" + smsCode + "(?![0-9a-fA-F])");
        assertThat(stored).as("no column holds the SMS code %s", smsCode)
            .noneMatch(value -> code.matcher(value).find());
        assertThat(code.matcher("Your OneKey sign-in code is " + smsCode + ".").find())
            .as("the search finds it in a text")
            .isTrue();
    }

    /** A column's value as text, whatever type the database gives it. */
    private static String text(Object value) {
        try {
            return switch (value) {
                case null -> "";
                case Clob clob -> clob.getSubString(1, (int) clob.length());
                case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
                default -> value.toString();
            };
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tokens, and each JWT's signature on its own. */
    private static void addTokens(Set<String> secrets, String access, String refresh, String idToken) {
        for (String token : new String[] { access, refresh, idToken }) {
            if (token != null) {
                secrets.add(token);
                String[] parts = token.split("\\.");
                if (parts.length == 3) {
                    secrets.add(parts[2]);
                }
            }
        }
        assertThat(access).isNotNull();
    }

    /**
     * The device code, and the user code as shown, without its dash, and in lower case.
     */
    private static void addCodes(Set<String> secrets, Api.Response code) {
        String userCode = code.field("user_code");
        secrets.add(code.field("device_code"));
        for (String form : List.of(userCode, userCode.replace("-", ""))) {
            secrets.add(form);
            secrets.add(form.toLowerCase(Locale.ROOT));
        }
    }

    private Api.Response refresh(String refreshToken) {
        return api.form("/oauth2/token",
                Api.fields("grant_type", "refresh_token", "client_id", "onekey-device", "refresh_token", refreshToken));
    }

    private Api.Response introspect(String token) {
        return api.form("/oauth2/introspect", Api.fields("token", token), BACKEND, BACKEND_SECRET);
    }

    private Api.Response revoke(String token, String hint) {
        Map<String, String> fields = hint == null ? Api.fields("token", token, "client_id", "onekey-device")
                : Api.fields("token", token, "token_type_hint", hint, "client_id", "onekey-device");
        return api.form("/oauth2/revoke", fields);
    }

    private Api.Response deviceAuthorization() {
        return api.form("/oauth2/device_authorization", Api.fields("client_id", "onekey-device", "scope", "profile",
                "device_id", TestAccounts.unique("tv"), "device_type", "tv", "device_name", "Living-room TV"));
    }

    private Api.Response poll(String deviceCode) {
        return api.form("/oauth2/token",
                Api.fields("grant_type", DEVICE_GRANT, "device_code", deviceCode, "client_id", "onekey-device"));
    }

    private String accountWithPhone() {
        String number = "+44" + String.format("%010d", NUMBERS.incrementAndGet() % 10_000_000_000L);
        Api.Response r = api.post("/api/v1/accounts", Map.of("login_name", TestAccounts.unique("sms"), "display_name",
                "Grandma", "password", TestAccounts.PASSWORD, "phone_number", number), null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return number;
    }

    private String codeSentTo(String number) {
        String text = outbox.latestFor(number).orElseThrow().text();
        Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

}
