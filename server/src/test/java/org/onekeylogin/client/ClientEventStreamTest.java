package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.onekeylogin.push.PushService;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.EventStream;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The library's event stream against the running service: it reconnects when the service
 * closes it and misses nothing, replaces a connection that went silent, and stops when
 * its session is signed out from the phone. The service's heartbeat is slowed to a minute
 * here so that a silent connection can be told from a live one.
 */
@ServiceTest
@TestPropertySource(properties = "onekey.push.heartbeat-interval=PT1M")
class ClientEventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    PushService push;

    final Api api;

    final TestAccounts accounts;

    final OneKeyClient onekey;

    ClientEventStreamTest(Api api, TestAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
        this.onekey = OneKeyClient.builder(api.base()).build();
    }

    @Test
    void whenTheServiceClosesTheStreamThenTheClientReconnectsWithLastEventIdAndMissesNothing() throws Exception {
        SignedIn tv = signIn(accounts.register("dad"), DeviceType.TV, "Living-room TV");
        SessionClient session = onekey.signedIn(TestAccounts.unique("tv"), tv);
        Recorder events = new Recorder();
        PushStream.Options slowRetry = PushStream.options()
            .backoff(new Backoff(Duration.ofMillis(800), Duration.ofSeconds(2)))
            .network(NetworkReport.builder()
                .ssid("Wohnzimmer-Café")
                .gatewayMac(ClientSignInEndToEndTest.randomMac("f8:1a:67"))
                .security(WifiSecurity.PERSONAL)
                .build());
        try (PushStream stream = session.events(events, slowRetry)) {
            assertThat(events.connected.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            publish(tv, 0);
            assertThat(events.next().data().path("n").asInt()).isZero();

            // a session keeps three streams: the fourth closes the oldest, the library's
            List<EventStream> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                EventStream other = api.stream(tv.tokens().accessToken(), 0L);
                other.awaitOpen();
                others.add(other);
            }
            assertThat(events.disconnected.tryAcquire(10, TimeUnit.SECONDS)).as("the service closed the stream")
                .isTrue();
            publish(tv, 1);
            publish(tv, 2);
            assertThat(events.connected.tryAcquire(10, TimeUnit.SECONDS)).as("reconnected").isTrue();
            publish(tv, 3);

            List<Integer> seen = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                PushEvent event = events.next();
                seen.add(event.data().path("n").asInt());
                ids.add(event.id());
            }
            assertThat(seen).containsExactly(1, 2, 3);
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(events.queue.poll(300, TimeUnit.MILLISECONDS)).as("nothing twice").isNull();
            assertThat(stream.connections()).isEqualTo(2);
            assertThat(stream.lastEventId()).isEqualTo(ids.get(2));
            others.forEach(EventStream::close);
        }
    }

    @Test
    void whenNothingArrivesForLongerThanTheHeartbeatTimeoutThenTheConnectionIsReplaced() throws Exception {
        SignedIn tv = signIn(accounts.register("mum"), DeviceType.TV, "TV");
        SessionClient session = onekey.signedIn(TestAccounts.unique("tv"), tv);
        Recorder events = new Recorder();
        PushStream.Options impatient = PushStream.options()
            .heartbeatTimeout(Duration.ofMillis(700))
            .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(200)));
        try (PushStream stream = session.events(events, impatient)) {
            assertThat(events.connected.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            assertThat(events.disconnected.tryAcquire(10, TimeUnit.SECONDS)).as("silence is taken for a dead line")
                .isTrue();
            assertThat(events.causes.poll(1, TimeUnit.SECONDS)).isInstanceOf(OneKeyTransportException.class);
            assertThat(events.connected.tryAcquire(10, TimeUnit.SECONDS)).as("and replaced").isTrue();
            publish(tv, 7);
            assertThat(events.next().data().path("n").asInt()).isEqualTo(7);
            assertThat(stream.connections()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void whenThePhoneSignsTheTvOutThenTheTvsStreamGetsSignedOutAndItsTokensAreRefused() throws Exception {
        TestAccounts.Account dad = accounts.register("dad");
        SessionClient phone = onekey.signedIn(TestAccounts.unique("phone"),
                signIn(dad, DeviceType.PHONE, "Dad's phone"));
        String tvKey = TestAccounts.unique("tv");
        SessionClient tv = onekey.signedIn(tvKey, signIn(dad, DeviceType.TV, "Living-room TV"));
        String tvSession = tv.tokens().sessionId();
        Recorder events = new Recorder();
        try (PushStream stream = tv.events(events)) {
            assertThat(events.connected.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

            Session listed = phone.sessions()
                .stream()
                .filter(s -> s.device().name().equals("Living-room TV"))
                .findFirst()
                .orElseThrow();
            assertThat(listed.id()).isEqualTo(tvSession);
            phone.signOut(listed.id());

            PushEvent signedOut = events.next();
            assertThat(signedOut.type()).isEqualTo(PushEvent.SIGNED_OUT);
            assertThat(signedOut.sessionId()).isEqualTo(tvSession);
            assertThat(signedOut.data().path("reason").asText()).isEqualTo("remote_sign_out");
            assertThat(events.signedOut.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.isSignedOut()).isTrue();
        }
        assertThatThrownBy(tv::account).isInstanceOf(SignedOutException.class);
        assertThatThrownBy(() -> onekey.session(tvKey).sessions()).as("the tokens are gone from the store")
            .isInstanceOf(SignedOutException.class);
        assertThatThrownBy(() -> phone.signOut(tvSession)).isInstanceOfSatisfying(OneKeyApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_ALREADY_SIGNED_OUT));
    }

    private SignedIn signIn(TestAccounts.Account account, DeviceType type, String name) {
        return onekey.signIn()
            .signInWithPassword(account.loginName(), TestAccounts.PASSWORD,
                    ClientSignInEndToEndTest.device(type, name));
    }

    private void publish(SignedIn device, int n) {
        push.publish(device.session().device().id(), device.session().id(), "notice", Map.of("n", n));
    }

    /** What the stream told its listener, in order. */
    static final class Recorder implements PushListener {

        final BlockingQueue<PushEvent> queue = new LinkedBlockingQueue<>();

        final BlockingQueue<Throwable> causes = new LinkedBlockingQueue<>();

        final Semaphore connected = new Semaphore(0);

        final Semaphore disconnected = new Semaphore(0);

        final CountDownLatch signedOut = new CountDownLatch(1);

        @Override
        public void onEvent(PushEvent event) {
            queue.add(event);
        }

        @Override
        public void onConnected() {
            connected.release();
        }

        @Override
        public void onDisconnected(Throwable cause, Duration retryIn) {
            if (cause != null) {
                causes.add(cause);
            }
            disconnected.release();
        }

        @Override
        public void onSignedOut() {
            signedOut.countDown();
        }

        PushEvent next() throws InterruptedException {
            PushEvent event = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event arrives").isNotNull();
            return event;
        }

    }

}
