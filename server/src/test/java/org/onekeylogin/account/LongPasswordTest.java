package org.onekeylogin.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onekeylogin.account.internal.AccountPasswords;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Passwords of up to 128 characters work whole, however many bytes they take. */
@ServiceTest
class LongPasswordTest {

    /** 128 characters of two bytes each: 256 bytes, far beyond what bcrypt reads. */
    private static final String LONG = "é".repeat(127) + "a";

    private static final String SAME_START = "é".repeat(127) + "b";

    @Test
    void whenThePasswordIsLongerThanBcryptReadsThenRegistrationAndSignInUseAllOfIt(Api api) {
        String login = TestAccounts.unique("long");
        Api.Response registered = api.post("/api/v1/accounts",
                Map.of("login_name", login, "display_name", "Long", "password", LONG), null);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);

        assertThat(signIn(api, login, LONG).status()).isEqualTo(200);
        Api.Response sameFirstBytes = signIn(api, login, SAME_START);
        assertThat(sameFirstBytes.status()).as("the last character counts too").isEqualTo(401);
        assertThat(sameFirstBytes.field("code")).isEqualTo("invalid_credentials");
    }

    @Test
    void whenAPasswordWasStoredByAnEarlierVersionThenItStillVerifies() {
        var passwords = new AccountPasswords(1);
        String earlier = "{bcrypt}" + new BCryptPasswordEncoder().encode("correct horse battery");
        assertThat(passwords.matches("correct horse battery", earlier)).isTrue();
        assertThat(passwords.matches("wrong horse battery", earlier)).isFalse();
        assertThat(passwords.matches(LONG, earlier)).as("too long for such a hash: no match, no error").isFalse();
        assertThat(passwords.hash("correct horse battery")).startsWith("{bcrypt-sha256}");
        passwords.destroy();
    }

    private static Api.Response signIn(Api api, String login, String password) {
        return api.post("/api/v1/sign-in/password", Map.of("login", login, "password", password, "device",
                Map.of("id", TestAccounts.unique("pc-device"), "type", "pc", "name", "Study PC")), null);
    }

}
