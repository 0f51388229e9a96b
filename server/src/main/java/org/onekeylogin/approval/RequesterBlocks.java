package org.onekeylogin.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.approval.internal.LoginRequestRepository;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.device.SessionRevoked;
import org.onekeylogin.signin.KnownDevices;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.InsertOnce;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * What "that wasn't me" leaves behind, for every path that could prompt the owner or sign
 * someone in to the account: the requester's device, address and network (when known) are
 * blocked for a while, and the device is disowned for good, so the account is no longer
 * offered on its sign-in screen and it is never taken for a device the account knows. The
 * owner says it either about a login request (deny with {@code not_me}) or about a
 * signed-in session ({@code POST /api/v1/sessions/{id}/not-me}, heard here as a
 * {@link SessionRevoked}); both end here.
 *
 * <p>
 * A requester chooses its device id and shares its address and network with the
 * household, so a device that signed in to the account before and was never disowned is
 * held only to the block on its own id: the owner's PC at home keeps working after the
 * owner disowned the stranger's TV on the same Wi-Fi.
 */
@Service
public class RequesterBlocks implements KnownDevices {

    private final LoginRequestRepository requests;

    private final DeviceSessionService sessions;

    private final InsertOnce inserts;

    private final AuditLog audit;

    private final ApprovalProperties properties;

    private final Clock clock;

    RequesterBlocks(LoginRequestRepository requests, DeviceSessionService sessions, InsertOnce inserts, AuditLog audit,
            ApprovalProperties properties, Clock clock) {
        this.requests = requests;
        this.sessions = sessions;
        this.inserts = inserts;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** The requester of a sign-in, as far as it is known. */
    public record Requester(String deviceId, @Nullable String ipAddress, @Nullable String networkId) {
    }

    /**
     * Blocks the requester from prompting the account for {@code not-me-block} and
     * disowns its device.
     */
    void notMe(String accountId, Requester requester) {
        Instant now = clock.instant();
        Instant until = now.plus(properties.notMeBlock());
        block(accountId, "device", requester.deviceId(), until);
        if (requester.ipAddress() != null) {
            block(accountId, "ip", requester.ipAddress(), until);
        }
        if (requester.networkId() != null) {
            block(accountId, "network", requester.networkId(), until);
        }
        inserts.insert(() -> requests.disown(accountId, requester.deviceId(), now));
    }

    /**
     * The owner allows the account on a network again, after saying "that wasn't me"
     * there: the blocks on that network and on the address of the disowned sign-in end.
     * The disowned device stays disowned.
     */
    public void allowAgain(String accountId, String networkId, @Nullable String ipAddress) {
        requests.unblock(accountId, "network", networkId);
        if (ipAddress != null) {
            requests.unblock(accountId, "ip", ipAddress);
        }
    }

    /**
     * "That wasn't me" about a signed-in device blocks that device, its address and its
     * network.
     */
    @EventListener
    void on(SessionRevoked revoked) {
        if (revoked.reason() != RevokeReason.NOT_ME) {
            return;
        }
        sessions.find(revoked.sessionId())
            .ifPresent(s -> notMe(s.accountId(), new Requester(
                    LoginRequest.requesterDeviceId(s.device().id(), s.clientId()), s.ipAddress(), s.networkId())));
    }

    /**
     * Whether this device signed in to the account before and its owner never disowned
     * it. Password limits ask this too, to let such a device through a stranger's flood.
     */
    @Override
    public boolean isKnown(String accountId, String deviceId) {
        return sessions.hasSignedInBefore(accountId, deviceId) && !isDisowned(accountId, deviceId);
    }

    /** Whether the owner said "that wasn't me" about this device, ever. */
    public boolean isDisowned(String accountId, String deviceId) {
        return requests.isDisowned(accountId, deviceId);
    }

    /**
     * Whether this requester may not prompt the owner of the account or be signed in to
     * it now: its device is disowned or blocked, or (for a device the account does not
     * know) its address or network is blocked.
     */
    public boolean isBlocked(String accountId, Requester requester) {
        return isDisowned(accountId, requester.deviceId()) || blockedUntil(accountId, requester).isPresent();
    }

    /**
     * Refuses, with {@code requester_blocked} and an audit entry, a requester that may
     * not sign in to the account: for paths that sign in without asking the phone (a
     * recommended account).
     */
    public void refuseIfBlocked(String accountId, Requester requester) {
        if (isBlocked(accountId, requester)) {
            audit.record(new AuditEntry(AuditEventType.LOGIN_REFUSED, AuditEntry.Outcome.FAILURE, accountId,
                    requester.deviceId(), null, null, requester.ipAddress(), "blocked"));
            throw blocked(
                    Duration
                        .between(clock.instant(),
                                blockedUntil(accountId, requester)
                                    .orElse(clock.instant().plus(properties.notMeBlock())))
                        .toSeconds());
        }
    }

    /** When the block in force on this requester ends, if one is. */
    Optional<Instant> blockedUntil(String accountId, Requester requester) {
        return blockedUntil(accountId, requester, isKnown(accountId, requester.deviceId()));
    }

    /**
     * When the block in force on this requester ends, if one is, for a caller that has
     * already asked {@link #isKnown} of its device.
     */
    Optional<Instant> blockedUntil(String accountId, Requester requester, boolean known) {
        return requests.blockedUntil(accountId, requester.deviceId(), known ? null : requester.ipAddress(),
                known ? null : requester.networkId(), clock.instant());
    }

    static ApiException blocked(long retryAfterSeconds) {
        return new ApiException(ErrorCode.REQUESTER_BLOCKED,
                "The owner of this account said an earlier request from here was not theirs. Signing in to it is "
                        + "blocked here for now; use another way to sign in.",
                Map.of("retry_after_seconds", Math.max(1, retryAfterSeconds), "fallbacks", PhoneApproval.FALLBACKS));
    }

    private void block(String accountId, String kind, String value, Instant until) {
        if (!requests.extendBlock(accountId, kind, value, until)
                && !inserts.insert(() -> requests.insertBlock(accountId, kind, value, until))) {
            requests.extendBlock(accountId, kind, value, until);
        }
    }

}
