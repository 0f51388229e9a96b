package org.onekeylogin.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The legal transitions of a login request, all in one place. */
class LoginRequestStateTest {

    @Test
    void whenPendingThenItMayBeDecidedExpireOrBeCancelled() {
        assertThat(movesFrom(LoginRequestState.PENDING)).containsExactlyInAnyOrder(LoginRequestState.APPROVED,
                LoginRequestState.DENIED, LoginRequestState.FAILED, LoginRequestState.EXPIRED,
                LoginRequestState.CANCELLED);
    }

    @Test
    void whenApprovedThenOnlyCollectingOrExpiringRemain() {
        assertThat(movesFrom(LoginRequestState.APPROVED)).containsExactlyInAnyOrder(LoginRequestState.CONSUMED,
                LoginRequestState.EXPIRED);
    }

    @Test
    void whenFinishedThenNothingMovesIt() {
        for (LoginRequestState end : EnumSet.of(LoginRequestState.DENIED, LoginRequestState.FAILED,
                LoginRequestState.EXPIRED, LoginRequestState.CONSUMED, LoginRequestState.CANCELLED)) {
            assertThat(movesFrom(end)).as(end.name()).isEmpty();
            assertThat(end.isOpen()).as(end.name()).isFalse();
        }
    }

    @Test
    void whenCancelledThenItCanNoLongerBeApproved() {
        assertThat(LoginRequestState.CANCELLED.canMoveTo(LoginRequestState.APPROVED)).isFalse();
        assertThat(LoginRequestState.APPROVED.canMoveTo(LoginRequestState.CANCELLED))
                .as("an approval is collected or expires; the client simply does not collect it").isFalse();
        assertThat(LoginRequestState.CANCELLED.wireName()).isEqualTo("cancelled");
    }

    private static Set<LoginRequestState> movesFrom(LoginRequestState from) {
        Set<LoginRequestState> to = EnumSet.noneOf(LoginRequestState.class);
        for (LoginRequestState next : LoginRequestState.values()) {
            if (from.canMoveTo(next)) {
                to.add(next);
            }
        }
        return to;
    }
}
