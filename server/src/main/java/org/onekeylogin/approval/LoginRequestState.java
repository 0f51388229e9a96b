package org.onekeylogin.approval;

import java.util.Set;
import org.onekeylogin.system.WireEnum;

/**
 * The life of a login request, with its legal transitions in one place:
 * {@code PENDING → APPROVED → CONSUMED};
 * {@code PENDING → DENIED | FAILED | EXPIRED | CANCELLED}; {@code APPROVED →
 * EXPIRED} when the client never collects its tokens.
 */
public enum LoginRequestState implements WireEnum {

    /** Waiting for a control terminal to decide. */
    PENDING,
    /** A terminal typed the right code; the client may collect its tokens once. */
    APPROVED,
    /** A terminal said no ("that was a mistake" or "that wasn't me"). */
    DENIED,
    /** A terminal typed a wrong code; the request is void. */
    FAILED,
    /** Nobody decided in time, or the client never collected its approval. */
    EXPIRED,
    /** The client collected its tokens. */
    CONSUMED,
    /**
     * The requesting device gave up (pressed cancel, or asked again) before anyone
     * decided.
     */
    CANCELLED;

    public boolean canMoveTo(LoginRequestState next) {
        return switch (this) {
            case PENDING -> Set.of(APPROVED, DENIED, FAILED, EXPIRED, CANCELLED).contains(next);
            case APPROVED -> next == CONSUMED || next == EXPIRED;
            case DENIED, FAILED, EXPIRED, CONSUMED, CANCELLED -> false;
        };
    }

    public boolean isOpen() {
        return this == PENDING || this == APPROVED;
    }

}
