package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.Concurrently;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.onekeylogin.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The library's token refresh against the running service: many calls that find the
 * access token expired at once cause exactly one refresh, whose rotated refresh token is
 * stored before it is used, and the library never presents a refresh token twice.
 */
@ServiceTest
class ClientTokenRefreshTest {

    @Autowired
    TestClock clock;

    final Api api;

    final TestAccounts accounts;

    final RecordingStore store = new RecordingStore();

    final OneKeyClient onekey;

    ClientTokenRefreshTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
        this.onekey = OneKeyClient.builder(api.base()).tokenStore(store).build();
    }

    @Test
    void whenTwentyThreadsFindTheAccessTokenExpiredThenExactlyOneRefreshHappens() {
        for (int round = 0; round < 4; round++) {
            TestAccounts.Account dad = accounts.register("dad");
            String key = TestAccounts.unique("tv");
            SignedIn signedIn = onekey.signIn()
                .signInWithPassword(dad.loginName(), TestAccounts.PASSWORD,
                        ClientSignInEndToEndTest.device(DeviceType.TV, "TV"));
            SessionClient tv = onekey.signedIn(key, signedIn);
            clock.advance(Duration.ofMinutes(12));

            List<String> logins = Concurrently.run(20, i -> tv.account().loginName());

            assertThat(logins).as("round %d", round).hasSize(20).containsOnly(dad.loginName());
            List<Tokens> saved = store.savedUnder(key);
            assertThat(saved).as("round %d: the sign-in, then one refresh", round).hasSize(2);
            Tokens renewed = saved.get(1);
            assertThat(renewed.refreshToken()).isNotEqualTo(signedIn.tokens().refreshToken());
            assertThat(renewed.sessionId()).isEqualTo(signedIn.session().id());
            assertThat(tv.tokens().accessToken()).isEqualTo(renewed.accessToken());

            clock.advance(Duration.ofMinutes(12));
            assertThat(tv.account().loginName()).as("the rotated refresh token works: it was never reused")
                .isEqualTo(dad.loginName());
            assertThat(store.savedUnder(key)).hasSize(3);
            clock.reset();
        }
    }

    @Test
    void whenTheAccessTokenIsAboutToExpireByTheDevicesClockThenItIsRefreshedBeforeTheCall() {
        TestAccounts.Account mum = accounts.register("mum");
        String key = TestAccounts.unique("pc");
        SignedIn signedIn = onekey.signIn()
            .signInWithPassword(mum.loginName(), TestAccounts.PASSWORD,
                    ClientSignInEndToEndTest.device(DeviceType.PC, "PC"));
        Tokens t = signedIn.tokens();
        SessionClient pc = onekey.signedIn(key,
                Tokens.of(t.accessToken(), t.refreshToken(), t.idToken(), t.scope(), java.time.Instant.now()));

        assertThat(pc.account().loginName()).isEqualTo(mum.loginName());

        assertThat(store.savedUnder(key)).hasSize(2);
        assertThat(store.savedUnder(key).get(1).expiresAt()).isAfter(java.time.Instant.now().plusSeconds(300));
    }

    @Test
    void whenTheSessionWasSignedOutThenTheRefreshIsRefusedOnceAndTheTokensAreForgotten() {
        TestAccounts.Account dad = accounts.register("dad");
        SignedIn phone = onekey.signIn()
            .signInWithPassword(dad.loginName(), TestAccounts.PASSWORD,
                    ClientSignInEndToEndTest.device(DeviceType.PHONE, "Phone"));
        String tvKey = TestAccounts.unique("tv");
        SessionClient tv = onekey.signedIn(tvKey,
                onekey.signIn()
                    .signInWithPassword(dad.loginName(), TestAccounts.PASSWORD,
                            ClientSignInEndToEndTest.device(DeviceType.TV, "TV")));
        onekey.signedIn(TestAccounts.unique("phone"), phone).signOut(tv.tokens().sessionId());

        List<Throwable> failures = Concurrently.run(10, i -> {
            try {
                tv.account();
                return null;
            }
            catch (RuntimeException e) {
                return e;
            }
        });

        assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(SignedOutException.class));
        assertThat(store.load(tvKey)).isNull();
        assertThat(store.savedUnder(tvKey)).as("nothing was stored after the sign-in").hasSize(1);
        assertThatThrownBy(tv::account).isInstanceOf(SignedOutException.class);
    }

    /**
     * A token store that remembers every save, as an app's durable store would see them.
     */
    static final class RecordingStore implements TokenStore {

        private final InMemoryTokenStore tokens = new InMemoryTokenStore();

        private final java.util.Map<String, List<Tokens>> history = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Tokens load(String key) {
            return tokens.load(key);
        }

        @Override
        public void save(String key, Tokens value) {
            history.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
            tokens.save(key, value);
        }

        @Override
        public void remove(String key) {
            tokens.remove(key);
        }

        List<Tokens> savedUnder(String key) {
            return List.copyOf(history.getOrDefault(key, List.of()));
        }

    }

}
