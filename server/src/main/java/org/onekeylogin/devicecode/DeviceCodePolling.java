package org.onekeylogin.devicecode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.RateLimiter;
import org.onekeylogin.system.WireEnum;
import org.onekeylogin.token.TokenProperties;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;

/**
 * Where a device code stands, for a screen that waits on it: OneKey's extension of RFC
 * 8628. The standard poll of the token endpoint answers {@code 400 authorization_pending}
 * until the phone decides, which a browser reports as a failed request on every poll;
 * this answers {@code 200} with the state, so a page asks the token endpoint only once
 * the code is approved. It reads and never changes anything: the tokens are still handed
 * out once, by the token endpoint.
 */
@Service
class DeviceCodePolling {

    private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

    /** Where a device code stands. */
    enum DeviceCodeState implements WireEnum {

        /** Nobody has decided yet. */
        PENDING,
        /** A phone approved it: the token endpoint hands the device its tokens. */
        APPROVED,
        /** A phone said no. */
        DENIED,
        /**
         * It ran out before anyone decided, or before the device collected its tokens.
         */
        EXPIRED,
        /** The device collected its tokens. */
        CONSUMED

    }

    record Status(DeviceCodeState status, long expiresIn) {
    }

    private final OAuth2AuthorizationService authorizations;

    private final RegisteredClientRepository clients;

    private final RateLimiter limits;

    private final Clock clock;

    private final int perMinute;

    DeviceCodePolling(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, RateLimiter limits,
            Clock clock, TokenProperties properties) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.limits = limits;
        this.clock = clock;
        this.perMinute = properties.tokens().requestsPerClientAndIpPerMinute();
    }

    /**
     * The state of the device code of a public device client; codes of other clients are
     * unknown here (they poll the token endpoint with their credentials). Limited per
     * caller address as the token endpoint is.
     */
    Status status(@Nullable String deviceCode, String address) {
        if (deviceCode == null || deviceCode.isBlank() || deviceCode.length() > 200) {
            throw ApiException.invalid("device_code",
                    "Send the device_code you received from the device authorization endpoint.");
        }
        limits.acquire("device-code-status", address, perMinute, Duration.ofMinutes(1));
        OAuth2Authorization authorization = authorizations.findByToken(deviceCode, DEVICE_CODE);
        OAuth2Authorization.Token<OAuth2DeviceCode> code = authorization == null ? null
                : authorization.getToken(OAuth2DeviceCode.class);
        OAuth2Authorization.Token<OAuth2UserCode> userCode = authorization == null ? null
                : authorization.getToken(OAuth2UserCode.class);
        if (code == null || userCode == null || !ofDeviceClient(authorization)) {
            throw new ApiException(ErrorCode.DEVICE_CODE_NOT_FOUND,
                    "There is no QR-code sign-in with that device_code.");
        }
        Instant now = clock.instant();
        Instant expiresAt = code.getToken().getExpiresAt();
        long expiresIn = expiresAt == null ? 0 : Math.max(0, Duration.between(now, expiresAt).toSeconds());
        return new Status(state(authorization, code, userCode, now), expiresIn);
    }

    private static DeviceCodeState state(OAuth2Authorization authorization, OAuth2Authorization.Token<?> code,
            OAuth2Authorization.Token<?> userCode, Instant now) {
        if (authorization.getAccessToken() != null) {
            return DeviceCodeState.CONSUMED;
        }
        if (code.isInvalidated()) {
            return DeviceCodeState.DENIED; // a denial invalidates both codes, an approval
                                           // only the user code
        }
        Instant expiresAt = code.getToken().getExpiresAt();
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return DeviceCodeState.EXPIRED;
        }
        return userCode.isInvalidated() ? DeviceCodeState.APPROVED : DeviceCodeState.PENDING;
    }

    private boolean ofDeviceClient(OAuth2Authorization authorization) {
        RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
        return client != null && client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
    }

}
