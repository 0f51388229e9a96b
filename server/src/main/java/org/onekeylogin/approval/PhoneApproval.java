package org.onekeylogin.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.approval.AntiFatiguePolicy.Refusal;
import org.onekeylogin.approval.internal.LoginRequestRepository;
import org.onekeylogin.approval.internal.LoginRequestRepository.Terminal;
import org.onekeylogin.approval.internal.LoginRequestWaiters;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.signin.DeviceSignIn;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.RequestLocks;
import org.onekeylogin.system.SecretGenerator;
import org.onekeylogin.system.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of phone-approved sign-in: start a request, approve it with the code the
 * client shows (number matching) or deny it, with the first decision winning, and redeem
 * an approval for tokens exactly once. The JSON API, the CIBA grant and the sign-in
 * screen all call this; none holds rules of its own. Who is asked is
 * {@link ControlTerminals}', when to refuse is {@link AntiFatiguePolicy}'s, and ending
 * overdue requests is {@link LoginRequestExpiry}'s.
 *
 * <p>
 * Each step is one database transaction. A refusal ({@link ApiException}) still commits
 * what the step recorded before refusing (the audit entry, a request marked failed after
 * a wrong code); any other failure rolls it back.
 */
@Service
public class PhoneApproval {

    private static final Logger log = LoggerFactory.getLogger(PhoneApproval.class);

    /** Fallbacks a client can offer when no phone can approve. */
    public static final List<String> FALLBACKS = List.of("qr_code", "sms_code");

    private final LoginRequestRepository requests;

    private final AccountService accounts;

    private final AntiFatiguePolicy policy;

    private final ControlTerminals terminals;

    private final DeviceSignIn signIn;

    private final LoginRequestWaiters waiters;

    private final AuditLog audit;

    private final SecretGenerator secrets;

    private final ApprovalProperties properties;

    private final ApplicationEventPublisher events;

    private final RequestLocks locks;

    private final Clock clock;

    PhoneApproval(LoginRequestRepository requests, AccountService accounts, AntiFatiguePolicy policy,
            ControlTerminals terminals, DeviceSignIn signIn, LoginRequestWaiters waiters, AuditLog audit,
            SecretGenerator secrets, ApprovalProperties properties, ApplicationEventPublisher events,
            RequestLocks locks, Clock clock) {
        this.locks = locks;
        this.requests = requests;
        this.accounts = accounts;
        this.policy = policy;
        this.terminals = terminals;
        this.signIn = signIn;
        this.waiters = waiters;
        this.audit = audit;
        this.secrets = secrets;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Asks the account's phones. The limits are checked and the request recorded under a
     * row lock on the account, held until this transaction ends, so requests for one
     * account arriving at once on any node are counted one at a time and none can slip
     * past a limit another is about to reach.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public LoginStarted start(StartLogin start) {
        policy.countRequestFrom(start.ipAddress());
        // Unknown and inactive accounts get the same answer as accounts without phones:
        // nothing to enumerate.
        Account account = accounts.findByIdentifier(start.login())
            .filter(Account::isActive)
            .orElseThrow(PhoneApproval::noControlTerminal);
        locks.lock("login-request-account", account.id());
        // read after the lock: a request that waited for it is timed, and counts what was
        // recorded, as it is served
        Instant now = clock.instant();
        Optional<Refusal> refusal = policy.refusal(account, start, now);
        if (refusal.isPresent()) {
            refuse(account, start, refusal.get().why());
            throw refusal.get().answer();
        }

        List<ControlTerminals.Found> asked = terminals.of(account, start.device());
        if (asked.isEmpty()) {
            refuse(account, start, "no_control_terminal");
            throw noControlTerminal();
        }

        Duration lifetime = lifetime(start.requestedExpiry());
        // asking again from the same device gives up the request it was waiting for: one
        // open request per device
        requests.openFrom(account.id(), start.device().id(), now)
            .ifPresent(earlier -> cancelled(earlier, "asked_again"));
        String authReqId = secrets.token(160);
        var request = new LoginRequest(UUID.randomUUID().toString(), account.id(), start.clientId(), start.device(),
                start.ipAddress(), start.scopes(), start.bindingMessage(), secrets.digits(properties.codeLength()),
                LoginRequestState.PENDING, null, null, properties.pollIntervalSeconds(), null,
                start.notificationToken(), now, now.plus(lifetime), start.networkId());
        requests.insert(request, hash(authReqId), start.notificationToken() == null ? null : authReqId,
                asked.stream().map(ControlTerminals.Found::row).toList());
        audit.record(new AuditEntry(AuditEventType.LOGIN_REQUESTED, AuditEntry.Outcome.SUCCESS, account.id(),
                start.device().id(), null, null, start.ipAddress(), "terminals=" + asked.size()));
        terminals.ask(request, account, asked);
        log.debug("Login request sent to {} control terminals", asked.size());
        return new LoginStarted(authReqId, request.verificationCode(), lifetime.toSeconds(),
                request.pollIntervalSeconds(), asked.size());
    }

    /**
     * The requesting client gives up on its request: it ends {@code CANCELLED}, every
     * phone it was sent to is told at once, and a client waiting on its status is woken.
     * Only a pending request can be cancelled; cancelling one already cancelled is not an
     * error.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public LoginRequestState cancel(String authReqId) {
        LoginRequest request = status(authReqId);
        if (request.state() == LoginRequestState.CANCELLED) {
            return LoginRequestState.CANCELLED;
        }
        if (request.stateAt(clock.instant()) != LoginRequestState.PENDING || !cancelled(request, "cancelled")) {
            throw new ApiException(ErrorCode.LOGIN_REQUEST_CLOSED,
                    "This sign-in request has already been decided or " + "has expired; there is nothing to cancel.",
                    Map.of("state",
                            requests.find(request.id())
                                .map(r -> r.stateAt(clock.instant()))
                                .orElse(request.state())
                                .wireName()));
        }
        return LoginRequestState.CANCELLED;
    }

    /**
     * The open requests a control terminal may decide, for a phone that missed the push.
     */
    public List<LoginRequestView> pendingFor(Caller caller) {
        return terminals.pendingFor(caller, clock.instant());
    }

    /** A control terminal approves with the code it was shown on the client. */
    @Transactional(noRollbackFor = ApiException.class)
    public LoginRequestState approve(String requestId, Caller caller, String typedCode) {
        OpenRequest open = openRequestFor(requestId, caller);
        LoginRequest request = open.request();
        Instant now = clock.instant();
        if (!constantTimeEquals(request.verificationCode(), typedCode)) {
            if (requests.transition(request.id(), LoginRequestState.PENDING, LoginRequestState.FAILED, null,
                    caller.sessionId(), now)) {
                decided(open, LoginRequestState.FAILED, null, caller, "wrong_code");
            }
            throw new ApiException(ErrorCode.WRONG_VERIFICATION_CODE, "That is not the code shown on "
                    + request.device().name() + ". The sign-in was cancelled for safety.");
        }
        if (!requests.transition(request.id(), LoginRequestState.PENDING, LoginRequestState.APPROVED, null,
                caller.sessionId(), now)) {
            throw closed(current(request));
        }
        decided(open, LoginRequestState.APPROVED, null, caller, null);
        return LoginRequestState.APPROVED;
    }

    /**
     * A control terminal denies; "that wasn't me" also blocks the requester and raises
     * the account's risk.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public LoginRequestState deny(String requestId, Caller caller, DenyReason reason) {
        OpenRequest open = openRequestFor(requestId, caller);
        LoginRequest request = open.request();
        Instant now = clock.instant();
        if (!requests.transition(request.id(), LoginRequestState.PENDING, LoginRequestState.DENIED, reason,
                caller.sessionId(), now)) {
            throw closed(current(request));
        }
        if (reason == DenyReason.NOT_ME) {
            policy.blockRequester(request);
        }
        decided(open, LoginRequestState.DENIED, reason, caller, reason.wireName());
        return LoginRequestState.DENIED;
    }

    /** The state of the client's request, for its status poll. */
    public LoginRequest status(String authReqId) {
        return requests.findBySecretHash(hash(authReqId)).orElseThrow(PhoneApproval::notFound);
    }

    /** The auth_req_id of a CIBA ping-mode request, which its notification must carry. */
    public Optional<String> pingAuthReqId(LoginRequest request) {
        return requests.pingAuthReqId(request.id());
    }

    /**
     * Looks a request up by the client's secret handle without failing when there is
     * none.
     */
    public Optional<LoginRequest> findByAuthReqId(String authReqId) {
        return requests.findBySecretHash(hash(authReqId));
    }

    /**
     * Turns an approval into a signed-in client, once. {@code enforceInterval} applies
     * CIBA's {@code slow_down} rule to clients that poll faster than they were told.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public Redemption redeem(LoginRequest request, boolean enforceInterval) {
        Instant now = clock.instant();
        LoginRequestState state = request.stateAt(now);
        if (state == LoginRequestState.PENDING) {
            boolean tooFast = enforceInterval && request.lastPolledAt() != null
                    && now.isBefore(request.lastPolledAt().plusSeconds(request.pollIntervalSeconds()));
            requests.markPolled(request.id(), now, request.pollIntervalSeconds() + (tooFast ? 5 : 0));
            return new Redemption.NotRedeemable(state, null, tooFast);
        }
        String sessionId = UUID.randomUUID().toString();
        if (state != LoginRequestState.APPROVED || !requests.consume(request.id(), sessionId, now)) {
            LoginRequestState current = state == LoginRequestState.APPROVED ? LoginRequestState.CONSUMED : state;
            return new Redemption.NotRedeemable(current, request.denyReason(), false);
        }
        Account account = accounts.get(request.accountId());
        return new Redemption.SignedIn(signIn.signIn(account, request.sessionDevice(), request.clientId(),
                SignInMethod.PHONE_APPROVAL, request.scopes(), request.ipAddress(), null, sessionId));
    }

    /**
     * Moves a pending request to {@code CANCELLED} if nobody decided it first, and tells
     * its phones and its waiting client; false when a decision won.
     */
    private boolean cancelled(LoginRequest request, String why) {
        if (!requests.transition(request.id(), LoginRequestState.PENDING, LoginRequestState.CANCELLED, null, null,
                clock.instant())) {
            return false;
        }
        audit.record(new AuditEntry(AuditEventType.LOGIN_CANCELLED, AuditEntry.Outcome.FAILURE, request.accountId(),
                request.device().id(), null, null, request.ipAddress(), why));
        terminals.tellClosed(request, LoginRequestState.CANCELLED, null);
        waiters.wake(request.id());
        return true;
    }

    private void decided(OpenRequest open, LoginRequestState outcome, @Nullable DenyReason reason, Caller caller,
            @Nullable String detail) {
        LoginRequest request = open.request();
        AuditEventType type = outcome == LoginRequestState.APPROVED ? AuditEventType.LOGIN_APPROVED
                : AuditEventType.LOGIN_DENIED;
        audit.record(new AuditEntry(type,
                outcome == LoginRequestState.APPROVED ? AuditEntry.Outcome.SUCCESS : AuditEntry.Outcome.FAILURE,
                request.accountId(), request.device().id(), null, caller.sessionId(), request.ipAddress(), detail));
        terminals.tellClosed(request, outcome, caller.sessionId(), open.asked());
        waiters.wake(request.id());
        events.publishEvent(new LoginRequestDecided(request, outcome, reason));
    }

    /** A request a phone may decide, with the terminals it was sent to. */
    private record OpenRequest(LoginRequest request, List<Terminal> asked) {
    }

    private OpenRequest openRequestFor(String requestId, Caller caller) {
        OpenRequest open = requests.findWithTerminals(requestId)
            .map(found -> new OpenRequest(found.request(), found.terminals()))
            .filter(o -> terminals.wasAsked(o.request(), o.asked(), caller))
            .orElseThrow(() -> new ApiException(ErrorCode.LOGIN_REQUEST_NOT_FOUND,
                    "There is no sign-in request with that id for this device."));
        if (open.request().stateAt(clock.instant()) != LoginRequestState.PENDING) {
            throw closed(open.request());
        }
        return open;
    }

    private void refuse(Account account, StartLogin start, String why) {
        audit.record(new AuditEntry(AuditEventType.LOGIN_REFUSED, AuditEntry.Outcome.FAILURE, account.id(),
                start.device().id(), null, null, start.ipAddress(), why));
    }

    private Duration lifetime(@Nullable Duration requested) {
        if (requested == null) {
            return properties.expiry();
        }
        if (requested.compareTo(properties.minExpiry()) < 0 || requested.compareTo(properties.maxExpiry()) > 0) {
            throw ApiException.invalid("requested_expiry", "requested_expiry must be between "
                    + properties.minExpiry().toSeconds() + " and " + properties.maxExpiry().toSeconds() + " seconds.");
        }
        return requested;
    }

    private static ApiException noControlTerminal() {
        return new ApiException(ErrorCode.NO_CONTROL_TERMINAL,
                "No phone signed in to this account can approve "
                        + "the sign-in. Scan the QR code or use a text message code instead.",
                Map.of("fallbacks", FALLBACKS));
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.LOGIN_REQUEST_NOT_FOUND, "There is no sign-in request with that id.");
    }

    /** The request as it is now, after another step moved it first. */
    private LoginRequest current(LoginRequest request) {
        return requests.find(request.id()).orElse(request);
    }

    /** Why a phone can no longer decide this request, in words that say who closed it. */
    private ApiException closed(LoginRequest request) {
        LoginRequestState state = request.stateAt(clock.instant());
        String message = switch (state) {
            case CANCELLED ->
                request.device().name() + " cancelled this sign-in request, so nothing will be signed in.";
            case EXPIRED -> "This sign-in request has expired.";
            default -> "This sign-in request has already been decided.";
        };
        return new ApiException(ErrorCode.LOGIN_REQUEST_CLOSED, message, Map.of("state", state.wireName()));
    }

    private static boolean constantTimeEquals(String expected, @Nullable String typed) {
        String given = typed == null ? "" : typed.strip();
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String authReqId) {
        return Hashing.sha256Hex(authReqId);
    }

}
