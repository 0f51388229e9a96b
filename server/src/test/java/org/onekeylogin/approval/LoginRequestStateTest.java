package org.onekeylogin.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onekeylogin.approval.LoginRequestState.APPROVED;
import static org.onekeylogin.approval.LoginRequestState.CANCELLED;
import static org.onekeylogin.approval.LoginRequestState.CONSUMED;
import static org.onekeylogin.approval.LoginRequestState.DENIED;
import static org.onekeylogin.approval.LoginRequestState.EXPIRED;
import static org.onekeylogin.approval.LoginRequestState.FAILED;
import static org.onekeylogin.approval.LoginRequestState.PENDING;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceType;

/**
 * The life of a login request: every pair of states, which are open, and expiry as of a
 * moment.
 */
class LoginRequestStateTest {

    /**
     * The legal moves, written out independently of the enum so a changed rule fails
     * here.
     */
    static final Map<LoginRequestState, Set<LoginRequestState>> LEGAL = Map.of(PENDING,
            Set.of(APPROVED, DENIED, FAILED, EXPIRED, CANCELLED), APPROVED, Set.of(CONSUMED, EXPIRED), DENIED, Set.of(),
            FAILED, Set.of(), EXPIRED, Set.of(), CONSUMED, Set.of(), CANCELLED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(LoginRequestState.values())
            .flatMap(from -> Arrays.stream(LoginRequestState.values())
                .map(to -> Arguments.of(from, to, LEGAL.get(from).contains(to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void whenARequestMovesFromOneStateToAnotherThenOnlyTheLegalMovesAreAllowed(LoginRequestState from,
            LoginRequestState to, boolean legal) {
        assertThat(from.canMoveTo(to)).isEqualTo(legal);
    }

    @Test
    void whenTheTableIsCountedThenItCoversEveryStateAndSevenMoves() {
        assertThat(LEGAL.keySet()).containsExactlyInAnyOrder(LoginRequestState.values());
        assertThat(everyPair().filter(a -> (boolean) a.get()[2])).hasSize(7);
    }

    @Test
    void whenCancelledThenItCanNoLongerBeApprovedAndAnApprovalCannotBeCancelled() {
        assertThat(CANCELLED.canMoveTo(APPROVED)).isFalse();
        assertThat(APPROVED.canMoveTo(CANCELLED))
            .as("an approval is collected or expires; the client simply does not collect it")
            .isFalse();
        assertThat(CANCELLED.wireName()).isEqualTo("cancelled");
    }

    @ParameterizedTest
    @EnumSource(LoginRequestState.class)
    void whenNoStateCanFollowThenTheStateIsClosedAndOtherwiseOpen(LoginRequestState state) {
        assertThat(state.isOpen()).isEqualTo(state == PENDING || state == APPROVED);
        assertThat(state.isOpen()).isEqualTo(!LEGAL.get(state).isEmpty());
    }

    @Test
    void whenWrittenOnTheWireThenTheNameIsLowerCase() {
        assertThat(PENDING.wireName()).isEqualTo("pending");
        assertThat(CONSUMED.wireName()).isEqualTo("consumed");
    }

    static final Instant EXPIRES = Instant.parse("2025-06-01T12:02:00Z");

    static LoginRequest request(LoginRequestState state) {
        return new LoginRequest("req-1", "account-1", "tv-app",
                new DeviceDescription("tv-device-1", DeviceType.TV, "Living-room TV", null, null, null), "203.0.113.9",
                Set.of("openid"), null, "42", state, null, null, 5, null, null, EXPIRES.minus(Duration.ofMinutes(2)),
                EXPIRES, null);
    }

    @ParameterizedTest
    @EnumSource(value = LoginRequestState.class, names = { "PENDING", "APPROVED" })
    void whenAnOpenRequestIsBeforeItsExpiryThenItKeepsItsState(LoginRequestState open) {
        assertThat(request(open).stateAt(EXPIRES.minusMillis(1))).isEqualTo(open);
    }

    @ParameterizedTest
    @EnumSource(value = LoginRequestState.class, names = { "PENDING", "APPROVED" })
    void whenAnOpenRequestReachesItsExpiryThenItIsExpired(LoginRequestState open) {
        assertThat(request(open).stateAt(EXPIRES)).as("at the instant").isEqualTo(EXPIRED);
        assertThat(request(open).stateAt(EXPIRES.plus(Duration.ofDays(1)))).isEqualTo(EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(value = LoginRequestState.class, names = { "DENIED", "FAILED", "EXPIRED", "CONSUMED" })
    void whenAClosedRequestIsPastItsExpiryThenItKeepsTheStateItEndedIn(LoginRequestState closed) {
        assertThat(request(closed).stateAt(EXPIRES.plus(Duration.ofDays(1)))).isEqualTo(closed);
        assertThat(request(closed).stateAt(EXPIRES.minusSeconds(60))).isEqualTo(closed);
    }

}
