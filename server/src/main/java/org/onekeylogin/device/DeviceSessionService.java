package org.onekeylogin.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.device.internal.DeviceSessionRepository;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens, lists and ends device sessions; every sign-in and sign-out passes through here
 * and is audited.
 */
@Service
public class DeviceSessionService {

    /**
     * How stale {@code last_seen_at} may get before a request refreshes it (one write per
     * minute per session).
     */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private static final String READ_IN_REQUEST = DeviceSessionService.class.getName() + ".session.";

    private final DeviceSessionRepository sessions;

    private final ApplicationEventPublisher events;

    private final AuditLog audit;

    private final AccountService accounts;

    private final Clock clock;

    private final TransactionTemplate transaction;

    public DeviceSessionService(DeviceSessionRepository sessions, ApplicationEventPublisher events, AuditLog audit,
            AccountService accounts, Clock clock, PlatformTransactionManager transactions) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Signs a device in under the id its OAuth2 authorization has or will have, so ending
     * the session finds its tokens. An earlier session of the same account on the same
     * device is replaced, so a device holds at most one live session per account.
     * Sign-ins call this through {@code DeviceSignIn}, inside the transaction that also
     * stores the tokens.
     */
    public DeviceSession open(NewSession request, String sessionId) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean newDevice = sessions.upsertDevice(request.device(), now);
        // a device created by this sign-in has no earlier session to replace
        for (String earlier : newDevice ? List.<String>of()
                : sessions.activeIdsOf(request.accountId(), request.device().id())) {
            end(earlier, null, RevokeReason.REPLACED, null);
        }
        var session = new DeviceSession(sessionId, request.accountId(), request.device(), request.clientId(),
                request.method(), request.networkLabel(), request.ipAddress(), now, now, null, null, null, null,
                request.networkId());
        sessions.insertSession(session);
        audit
            .record(AuditEntry.success(AuditEventType.SIGN_IN, session.accountId(), session.device().id(), session.id())
                .withIp(request.ipAddress())
                .withDetail(request.method().wireName()));
        events.publishEvent(new SessionOpened(session));
        return session;
    }

    /**
     * The session. Within one HTTP request it is read once: the access-token check reads
     * the caller's session, and what the request does with it afterwards uses that read
     * (this service forgets it when it writes the session).
     */
    public Optional<DeviceSession> find(String sessionId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return sessions.find(sessionId);
        }
        String key = READ_IN_REQUEST + sessionId;
        if (request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof DeviceSession known) {
            return Optional.of(known);
        }
        Optional<DeviceSession> found = sessions.find(sessionId);
        found.ifPresent(session -> request.setAttribute(key, session, RequestAttributes.SCOPE_REQUEST));
        return found;
    }

    /** Forgets the request's read of a session this service is about to write. */
    private static void forget(String sessionId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(READ_IN_REQUEST + sessionId, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /**
     * The accounts that signed in on this device, most recent first: the device's sign-in
     * history.
     */
    public List<AccountOnDevice> accountsSignedInOn(String deviceId, int limit) {
        return sessions.accountsOn(deviceId, limit);
    }

    /**
     * Whether this device has been signed in to the account before (now or in the past),
     * by a session its owner did not call "that wasn't me": such a device is one the
     * account already trusts.
     */
    public boolean hasSignedInBefore(String accountId, String deviceId) {
        return sessions.hasOwnedSessionOn(accountId, deviceId);
    }

    public List<DeviceSession> activeSessionsOf(String accountId) {
        return sessions.activeOfAccount(accountId);
    }

    /** The account's signed-in phones and tablets (control terminals, seed 000). */
    public List<DeviceSession> activeSmallScreenSessionsOf(String accountId) {
        return sessions.activeSmallScreenOfAccount(accountId);
    }

    /** The account's own sessions followed by those of the accounts it controls. */
    public List<DeviceSession> manageableSessionsOf(String accountId) {
        List<DeviceSession> all = new java.util.ArrayList<>(sessions.activeOfAccount(accountId));
        for (String controlled : accounts.controlledBy(accountId)) {
            all.addAll(sessions.activeOfAccount(controlled));
        }
        return all;
    }

    /**
     * Signs a session out on behalf of {@code actorAccountId}: the owner, or an account
     * that controls it (a parent signing out a child's PC). Sessions of other accounts
     * are reported as not found, so ids cannot be probed.
     */
    public DeviceSession signOut(String sessionId, String actorAccountId, String actorSessionId, @Nullable String ip) {
        return signOut(sessionId, actorAccountId, actorSessionId, ip, false);
    }

    /**
     * As {@link #signOut(String, String, String, String)}; {@code notMe} records that the
     * owner did not do it.
     */
    public DeviceSession signOut(String sessionId, String actorAccountId, String actorSessionId, @Nullable String ip,
            boolean notMe) {
        DeviceSession target = find(sessionId).filter(s -> accounts.mayManage(actorAccountId, s.accountId()))
            .orElseThrow(() -> new ApiException(ErrorCode.SESSION_NOT_FOUND,
                    "There is no signed-in device with that id on your account."));
        RevokeReason reason = notMe ? RevokeReason.NOT_ME
                : sessionId.equals(actorSessionId) ? RevokeReason.SIGNED_OUT : RevokeReason.REMOTE_SIGN_OUT;
        if (!end(target, actorSessionId, reason, ip)) {
            throw new ApiException(ErrorCode.SESSION_ALREADY_SIGNED_OUT, "That device is already signed out.");
        }
        return target;
    }

    /**
     * Ends a session for a reason the service itself decided; false when it had already
     * ended. The end, its audit entry and what the listeners of {@link SessionRevoked} do
     * (the token feature removes the session's tokens) are one transaction, so no one
     * sees the session ended with its tokens still alive, nor an unaudited sign-out. The
     * conditional update takes the session's row lock first, which is the lock a refresh
     * of the session's tokens waits for ({@link #lockIfActive}).
     */
    public boolean end(String sessionId, @Nullable String bySessionId, RevokeReason reason, @Nullable String ip) {
        forget(sessionId);
        return Boolean.TRUE.equals(transaction.execute(status -> sessions.find(sessionId)
            .map(session -> endWithin(session, bySessionId, reason, ip))
            .orElse(false)));
    }

    /**
     * As {@link #end(String, String, RevokeReason, String)} for a session already read:
     * what the end records (account, device, client) never changes, and whether the
     * session is still signed in is decided by the conditional update.
     */
    private boolean end(DeviceSession session, @Nullable String bySessionId, RevokeReason reason, @Nullable String ip) {
        forget(session.id());
        return Boolean.TRUE.equals(transaction.execute(status -> endWithin(session, bySessionId, reason, ip)));
    }

    private boolean endWithin(DeviceSession s, @Nullable String bySessionId, RevokeReason reason, @Nullable String ip) {
        if (!sessions.revoke(s.id(), clock.instant(), bySessionId, reason)) {
            return false;
        }
        audit.record(AuditEntry.success(AuditEventType.SIGN_OUT, s.accountId(), s.device().id(), s.id())
            .withActor(bySessionId)
            .withIp(ip)
            .withDetail(reason.wireName()));
        events.publishEvent(
                new SessionRevoked(s.id(), s.accountId(), s.device().id(), s.clientId(), reason, bySessionId));
        return true;
    }

    /**
     * Holds the session's row lock until the caller's transaction ends and answers
     * whether the session is still signed in (false also for no such session). Whatever
     * issues or saves tokens of a session takes it first, and {@link #end} takes the same
     * lock, so a sign-out and a refresh of the same session happen one after the other:
     * either the refresh commits first and the sign-out then removes what it issued, or
     * the refresh sees the session ended and refuses.
     */
    public boolean lockIfActive(String sessionId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A session lock is held until its transaction ends; start one first");
        }
        return sessions.lockIfActive(sessionId);
    }

    /**
     * Records the id of the access token just issued to the session (first issue or
     * refresh); earlier access tokens of the session stop working at the JSON API.
     */
    public void currentAccessToken(String sessionId, String tokenId) {
        forget(sessionId);
        sessions.setAccessTokenId(sessionId, tokenId);
    }

    /**
     * Notes that a request used the session, as read for that request: one conditional
     * UPDATE when its {@code last_seen_at} is more than {@link #TOUCH_INTERVAL} old,
     * nothing otherwise. The condition is in the statement, so requests racing on several
     * nodes write it once.
     */
    public void noteUse(DeviceSession session) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(TOUCH_INTERVAL);
        if (session.lastSeenAt().isBefore(staleBefore)) {
            forget(session.id());
            sessions.touchIfSeenBefore(session.id(), now, staleBefore);
        }
    }

}
