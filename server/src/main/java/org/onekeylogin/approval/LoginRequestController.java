package org.onekeylogin.approval;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.approval.internal.LoginRequestWaiters;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.signin.SignInProperties;
import org.onekeylogin.signin.SignInResponse;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.token.Scopes;
import org.onekeylogin.token.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client side of phone approval over the JSON API: ask, wait (long poll), collect the
 * tokens once. The client's handle ({@code auth_req_id}) travels in request bodies, never
 * in URLs.
 */
@RestController
class LoginRequestController {

    /** Served without an access token. */
    @Bean
    static OpenApiEndpoints loginRequestsAreOpen() {
        return OpenApiEndpoints.post("/api/v1/login-requests", "/api/v1/login-requests/status",
                "/api/v1/login-requests/session", "/api/v1/login-requests/cancel");
    }

    private static final int MAX_WAIT_SECONDS = 30;

    private final PhoneApproval approval;

    private final TokenIssuer tokens;

    private final SignInProperties signInProperties;

    private final LoginRequestWaiters waiters;

    private final Clock clock;

    private final NetworkEnvironments networks;

    LoginRequestController(PhoneApproval approval, TokenIssuer tokens, SignInProperties signInProperties,
            LoginRequestWaiters waiters, Clock clock, NetworkEnvironments networks) {
        this.networks = networks;
        this.approval = approval;
        this.tokens = tokens;
        this.signInProperties = signInProperties;
        this.waiters = waiters;
        this.clock = clock;
    }

    record StartRequest(String login, DeviceDescription device, @Nullable String clientId, @Nullable String scope,
            @Nullable NetworkReport network) {
        StartRequest {
            if (login == null || login.isBlank() || login.length() > 64) {
                throw ApiException.invalid("login", "Type the account name or phone number (at most 64 characters).");
            }
            device = DeviceDescription.required(device, "Describe the device that wants to sign in.");
            if (scope != null && scope.length() > 200) {
                throw ApiException.invalid("scope", "The scope is at most 200 characters.");
            }
        }
    }

    record Handle(String authReqId, @Nullable Integer waitSeconds) {
        Handle {
            if (authReqId == null || authReqId.isBlank() || authReqId.length() > 100) {
                throw ApiException.invalid("auth_req_id",
                        "Send the auth_req_id you received when you asked to sign in.");
            }
            if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS)) {
                throw ApiException.invalid("wait_seconds", "wait_seconds is between 0 and " + MAX_WAIT_SECONDS + ".");
            }
        }
    }

    record Status(LoginRequestState status, @Nullable DenyReason reason, long expiresIn) {
    }

    record Cancelled(LoginRequestState status) {
    }

    @PostMapping("/api/v1/login-requests")
    @ResponseStatus(HttpStatus.CREATED)
    LoginStarted start(@RequestBody StartRequest request, HttpServletRequest http) {
        String clientId = tokens.deviceClientId(request.clientId(), signInProperties.defaultClientId());
        return approval.start(new StartLogin(request.login(), request.device(), clientId, scopes(request.scope()),
                ClientAddress.of(http), null, null, null,
                request.network() == null ? null : networks.identify(request.network()).id()));
    }

    /**
     * The request's state; with {@code wait_seconds}, answers as soon as it leaves
     * {@code pending} or the wait ends.
     */
    @PostMapping("/api/v1/login-requests/status")
    Status status(@RequestBody Handle handle) {
        LoginRequest request = deviceAppRequest(handle);
        int wait = handle.waitSeconds() == null ? 0 : handle.waitSeconds();
        // the wait is real time; the request's expiry is on the service's clock
        long deadline = System.nanoTime() + Duration.ofSeconds(wait).toNanos();
        while (request.stateAt(clock.instant()) == LoginRequestState.PENDING && System.nanoTime() < deadline) {
            CompletableFuture<Void> changed = waiters.signal(request.id());
            request = approval.status(handle.authReqId());
            if (request.stateAt(clock.instant()) != LoginRequestState.PENDING) {
                break;
            }
            Duration untilExpiry = Duration.between(clock.instant(), request.expiresAt()).plusMillis(50);
            Duration untilDeadline = Duration.ofNanos(deadline - System.nanoTime());
            LoginRequestWaiters.await(changed, untilExpiry.compareTo(untilDeadline) < 0 ? untilExpiry : untilDeadline);
            request = approval.status(handle.authReqId());
        }
        long expiresIn = Math.max(0, Duration.between(clock.instant(), request.expiresAt()).toSeconds());
        return new Status(request.stateAt(clock.instant()), request.denyReason(), expiresIn);
    }

    /** Collects the tokens of an approved request, exactly once. */
    @PostMapping("/api/v1/login-requests/session")
    SignInResponse redeem(@RequestBody Handle handle) {
        LoginRequest request = deviceAppRequest(handle);
        return switch (approval.redeem(request, false)) {
            case Redemption.SignedIn(var signedIn) -> SignInResponse.of(signedIn);
            case Redemption.NotRedeemable(var state, var reason, var tooFast) -> throw refusal(state, reason);
        };
    }

    /**
     * The requesting device gives up: the phones stop asking at once, and the device may
     * ask again straight away. Cancelling a request already cancelled answers the same,
     * so a repeated press is harmless.
     */
    @PostMapping("/api/v1/login-requests/cancel")
    Cancelled cancel(@RequestBody Handle handle) {
        deviceAppRequest(handle);
        return new Cancelled(approval.cancel(handle.authReqId()));
    }

    /**
     * Requests of confidential (CIBA) clients are redeemed at the token endpoint, with
     * client authentication.
     */
    private LoginRequest deviceAppRequest(Handle handle) {
        LoginRequest request = approval.status(handle.authReqId());
        if (!tokens.isDeviceClient(request.clientId())) {
            throw new ApiException(ErrorCode.LOGIN_REQUEST_NOT_FOUND, "There is no sign-in request with that id.");
        }
        return request;
    }

    private static ApiException refusal(LoginRequestState state, @Nullable DenyReason reason) {
        return switch (state) {
            case PENDING -> new ApiException(ErrorCode.AUTHORIZATION_PENDING,
                    "The phone has not answered yet. Wait for the status to change.");
            case DENIED -> new ApiException(ErrorCode.LOGIN_DENIED,
                    reason == DenyReason.NOT_ME ? "The account owner said this sign-in was not theirs."
                            : "The sign-in was declined on the phone.",
                    Map.of("reason", reason == null ? "mistake" : reason.wireName()));
            case FAILED -> new ApiException(ErrorCode.LOGIN_FAILED,
                    "A wrong code was typed on the phone, so the sign-in was cancelled. Ask again for a new code.");
            case EXPIRED ->
                new ApiException(ErrorCode.LOGIN_REQUEST_EXPIRED, "Nobody answered on the phone in time. Ask again.");
            case CANCELLED -> new ApiException(ErrorCode.LOGIN_REQUEST_CLOSED,
                    "This sign-in request was cancelled on this device. Ask again to sign in.",
                    Map.of("state", LoginRequestState.CANCELLED.wireName()));
            case CONSUMED, APPROVED -> new ApiException(ErrorCode.LOGIN_REQUEST_ALREADY_USED,
                    "These tokens were already collected. Ask again to sign in another time.");
        };
    }

    private static Set<String> scopes(@Nullable String scope) {
        return Scopes.parse(scope);
    }

}
