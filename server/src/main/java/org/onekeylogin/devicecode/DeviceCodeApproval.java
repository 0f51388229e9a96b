package org.onekeylogin.devicecode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.devicecode.internal.DeviceCodeRequestStore;
import org.onekeylogin.devicecode.internal.DeviceCodeRequestStore.DeviceCodeRequest;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.RateLimiter;
import org.onekeylogin.system.Caller;
import org.onekeylogin.signin.DeviceSignIn;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The phone's side of QR-code sign-in (RFC 8628): look a user code up and see which
 * device asks, then approve — which signs that device into the phone's account — or deny.
 * The device's next poll of the token endpoint gets tokens or {@code access_denied} from
 * Spring's own device-code grant.
 */
@Service
public class DeviceCodeApproval {

    private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

    private static final int LOOKUPS_PER_MINUTE = 10;

    private final OAuth2AuthorizationService authorizations;

    private final DeviceCodeRequestStore requests;

    private final DeviceSignIn signIn;

    private final RateLimiter limits;

    private final AuditLog audit;

    private final Clock clock;

    public DeviceCodeApproval(OAuth2AuthorizationService authorizations, DeviceCodeRequestStore requests,
            DeviceSignIn signIn, RateLimiter limits, AuditLog audit, Clock clock) {
        this.authorizations = authorizations;
        this.requests = requests;
        this.signIn = signIn;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the phone shows before the person decides (RFC 8628 section 5.4). */
    public record DeviceCodeView(String userCode, String deviceType, String deviceName, @Nullable String deviceOs,
            @Nullable String ipAddress, Instant requestedAt, Instant expiresAt, Set<String> scopes) {
    }

    private record Pending(OAuth2Authorization authorization, DeviceCodeRequest request) {
    }

    public DeviceCodeView describe(String typedCode, Caller caller) {
        Pending pending = pending(typedCode, caller, false);
        DeviceCodeRequest r = pending.request();
        return new DeviceCodeView(r.userCode(), r.device().type().wireName(), r.device().name(), r.device().os(),
                r.ipAddress(), r.createdAt(), r.expiresAt(), requestedScopes(pending.authorization()));
    }

    /**
     * Signs the device that showed the code into the caller's account, in one transaction
     * with the approval's audit entry. A refusal (an unknown or expired code) records
     * nothing. The code's row lock is taken first, so of two approvals at once (a double
     * tap) one signs the device in and the other, reading the code after it, is told the
     * code was already decided.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public void approve(String typedCode, Caller caller) {
        Pending pending = pending(typedCode, caller, true);
        DeviceCodeRequest request = pending.request();
        DeviceSession session = signIn.signInByDeviceCode(caller.accountId(), request.device(), request.clientId(),
                request.ipAddress(), pending.authorization());
        audit.record(new AuditEntry(AuditEventType.LOGIN_APPROVED, AuditEntry.Outcome.SUCCESS, caller.accountId(),
                request.device().id(), session.id(), caller.sessionId(), request.ipAddress(), "qr_code"));
    }

    /**
     * Refuses: the device's next poll gets {@code access_denied}. Under the code's lock,
     * as {@link #approve}.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public void deny(String typedCode, Caller caller) {
        Pending pending = pending(typedCode, caller, true);
        OAuth2Authorization authorization = pending.authorization();
        authorizations.save(OAuth2Authorization.from(authorization)
            .invalidate(authorization.getToken(OAuth2UserCode.class).getToken())
            .invalidate(authorization.getToken(OAuth2DeviceCode.class).getToken())
            .build());
        audit.record(new AuditEntry(AuditEventType.LOGIN_DENIED, AuditEntry.Outcome.FAILURE, caller.accountId(),
                pending.request().device().id(), null, caller.sessionId(), pending.request().ipAddress(), "qr_code"));
    }

    /**
     * The pending code; {@code decide} holds its lock until the transaction ends, for
     * approving or denying it.
     */
    private Pending pending(String typedCode, Caller caller, boolean decide) {
        limits.acquire("device-code-lookup", caller.sessionId(), LOOKUPS_PER_MINUTE, Duration.ofMinutes(1));
        String userCode = UserCode.normalize(typedCode);
        if (decide) {
            requests.lock(userCode);
        }
        OAuth2Authorization authorization = authorizations.findByToken(userCode, USER_CODE);
        OAuth2Authorization.Token<OAuth2UserCode> token = authorization == null ? null
                : authorization.getToken(OAuth2UserCode.class);
        DeviceCodeRequest request = requests.find(userCode).orElse(null);
        boolean known = token != null && request != null && request.authorizationId().equals(authorization.getId());
        if (known && token.isInvalidated() && caller.accountId().equals(authorization.getPrincipalName())) {
            // this account approved it already (a second tap); anyone else is told only
            // that the code is unknown
            throw new ApiException(ErrorCode.DEVICE_CODE_ALREADY_DECIDED,
                    "This code was already approved. The device is signing in.");
        }
        if (!known || !token.isActive()) {
            throw new ApiException(ErrorCode.DEVICE_CODE_NOT_FOUND,
                    "That code is not right or has expired. Check the code on the TV, or show a new one.");
        }
        if (!clock.instant().isBefore(request.expiresAt())) {
            throw new ApiException(ErrorCode.DEVICE_CODE_EXPIRED, "That code has expired. Ask the TV for a new one.");
        }
        return new Pending(authorization, request);
    }

    private static Set<String> requestedScopes(OAuth2Authorization authorization) {
        Set<String> scopes = authorization.getAttribute(OAuth2ParameterNames.SCOPE);
        return scopes == null ? Set.of() : scopes;
    }

    @Scheduled(fixedDelayString = "PT10M")
    @SchedulerLock(name = "device-code-requests-cleanup", lockAtLeastFor = "PT5M")
    void deleteExpired() {
        requests.deleteExpired(clock.instant().minus(Duration.ofHours(1)));
    }

}
