package org.onekeylogin.approval.ciba;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.approval.LoginRequest;
import org.onekeylogin.approval.LoginStarted;
import org.onekeylogin.approval.PhoneApproval;
import org.onekeylogin.approval.StartLogin;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceType;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ShownText;
import org.onekeylogin.token.ClientChallenge;
import org.onekeylogin.token.Scopes;
import org.onekeylogin.token.TokenProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CIBA backchannel authentication endpoint (CIBA Core section 7): an authenticated
 * client names the user with {@code login_hint}; the user's phones are asked exactly as
 * in the JSON flow. Answers and errors use the OAuth2 format. Our addition: the response
 * also carries the {@code verification_code} the client must display, and the client may
 * describe its device with {@code device_id}, {@code device_type}, {@code device_name},
 * {@code device_os}.
 */
@RestController
class BackchannelAuthenticationController {

    private final PhoneApproval approval;

    private final TokenProperties clientsConfig;

    private final ClientSecretBasicAuthenticationConverter basic = new ClientSecretBasicAuthenticationConverter();

    private final ClientSecretPostAuthenticationConverter post = new ClientSecretPostAuthenticationConverter();

    private final ClientSecretAuthenticationProvider clientAuthentication;

    BackchannelAuthenticationController(PhoneApproval approval, TokenProperties clientsConfig,
            RegisteredClientRepository clients, OAuth2AuthorizationService authorizations, PasswordEncoder passwords) {
        this.approval = approval;
        this.clientsConfig = clientsConfig;
        this.clientAuthentication = new ClientSecretAuthenticationProvider(clients, authorizations);
        this.clientAuthentication.setPasswordEncoder(passwords);
    }

    /** An error in the CIBA/OAuth2 format. */
    static final class BackchannelError extends RuntimeException {

        final HttpStatus status;

        final String error;

        /** Seconds for a {@code Retry-After} header, or null. */
        final @Nullable Long retryAfter;

        /** Whether the client authenticated with HTTP Basic (RFC 6749 section 5.2). */
        final boolean basic;

        BackchannelError(HttpStatus status, String error, String description) {
            this(status, error, description, null, false);
        }

        BackchannelError(HttpStatus status, String error, String description, @Nullable Long retryAfter,
                boolean basic) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
            this.retryAfter = retryAfter;
            this.basic = basic;
        }

    }

    @PostMapping(path = CibaGrant.ENDPOINT, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Map<String, Object> authorize(HttpServletRequest request) {
        RegisteredClient client = authenticate(request);
        if (!client.getAuthorizationGrantTypes().contains(CibaGrant.GRANT_TYPE)) {
            throw new BackchannelError(HttpStatus.BAD_REQUEST, "unauthorized_client", "This client may not use CIBA.");
        }
        String loginHint = single(request, "login_hint", true);
        Set<String> scopes = scopes(single(request, "scope", true));
        if (!scopes.contains(OidcScopes.OPENID)) {
            throw new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_scope", "The scope must include openid.");
        }
        if (!client.getScopes().containsAll(scopes)) {
            throw new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_scope", "A requested scope is not allowed.");
        }
        String bindingMessage = single(request, "binding_message", false);
        if (bindingMessage != null && (bindingMessage.length() > 64 || !ShownText.isShowable(bindingMessage))) {
            throw new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_binding_message",
                    "binding_message has at most 64 printable characters.");
        }
        boolean ping = clientsConfig.client(client.getClientId())
            .map(TokenProperties.Client::backchannelNotificationEndpoint)
            .isPresent();
        String notificationToken = single(request, "client_notification_token", ping);
        if (notificationToken != null && notificationToken.length() > 1024) {
            throw new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_request",
                    "client_notification_token is too long.");
        }
        try {
            // no requester address: the request comes from the client's server, which all
            // its users share, so it is neither shown on the phone, counted nor blocked
            LoginStarted started = approval
                .start(new StartLogin(loginHint, device(request, client), client.getClientId(), scopes, null,
                        bindingMessage, requestedExpiry(request), ping ? notificationToken : null));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("auth_req_id", started.authReqId());
            body.put("expires_in", started.expiresIn());
            body.put("interval", started.interval());
            body.put("verification_code", started.verificationCode());
            return body;
        }
        catch (ApiException refused) {
            throw translate(refused);
        }
    }

    @ExceptionHandler(BackchannelError.class)
    ResponseEntity<Map<String, Object>> error(BackchannelError e) {
        var response = ResponseEntity.status(e.status);
        if (e.retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter));
        }
        if (e.basic) {
            // RFC 6749 section 5.2: a client that authenticated with the Authorization
            // header is told the scheme it failed with
            response.header(HttpHeaders.WWW_AUTHENTICATE, ClientChallenge.BASIC);
        }
        return response.body(Map.of("error", e.error, "error_description", e.getMessage()));
    }

    private RegisteredClient authenticate(HttpServletRequest request) {
        Authentication credentials;
        try {
            credentials = basic.convert(request);
            if (credentials == null) {
                credentials = post.convert(request);
            }
        }
        catch (AuthenticationException malformed) {
            credentials = null;
        }
        boolean basicScheme = ClientChallenge.usedHeader(request);
        if (credentials == null) {
            throw new BackchannelError(HttpStatus.UNAUTHORIZED, "invalid_client", "Authenticate the client.", null,
                    basicScheme);
        }
        try {
            var authenticated = (OAuth2ClientAuthenticationToken) clientAuthentication.authenticate(credentials);
            if (authenticated == null || authenticated.getRegisteredClient() == null) {
                throw new BackchannelError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed.",
                        null, basicScheme);
            }
            return authenticated.getRegisteredClient();
        }
        catch (AuthenticationException failed) {
            throw new BackchannelError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed.", null,
                    basicScheme);
        }
    }

    private static DeviceDescription device(HttpServletRequest request, RegisteredClient client) {
        String type = single(request, "device_type", false);
        String id = single(request, "device_id", false);
        String name = single(request, "device_name", false);
        // a client that does not name its device is one requester (limits, blocks); each
        // sign-in it gets approved opens a session on a device of its own
        // (LoginRequest.sessionDevice)
        return new DeviceDescription(id == null ? LoginRequest.clientDeviceId(client.getClientId()) : id,
                type == null ? DeviceType.PC : DeviceType.fromWire(type), name == null ? client.getClientName() : name,
                null, single(request, "device_os", false), null);
    }

    private static @Nullable Duration requestedExpiry(HttpServletRequest request) {
        String value = single(request, "requested_expiry", false);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        }
        catch (NumberFormatException e) {
            throw new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_request",
                    "requested_expiry is a number of seconds.");
        }
    }

    private static Set<String> scopes(String scope) {
        return Scopes.parse(scope);
    }

    private static @Nullable String single(HttpServletRequest request, String name, boolean required) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0 || values[0].isBlank()) {
            if (required) {
                throw new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_request", name + " is required.");
            }
            return null;
        }
        if (values.length > 1) {
            throw new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_request", name + " is repeated.");
        }
        return values[0];
    }

    private static @Nullable Long retryAfter(ApiException refused) {
        return refused.details().get("retry_after_seconds") instanceof Number seconds ? seconds.longValue() : null;
    }

    private static BackchannelError translate(ApiException refused) {
        return switch (refused.code()) {
            case NO_CONTROL_TERMINAL ->
                new BackchannelError(HttpStatus.BAD_REQUEST, "unknown_user_id", refused.getMessage());
            // CIBA Core defines no code for a limit; too_many_requests (HTTP 429, with
            // Retry-After) is our extension, so a client can tell "try later" from the
            // person's or the policy's "no" (access_denied), see docs/API.md
            case TOO_MANY_REQUESTS -> new BackchannelError(HttpStatus.TOO_MANY_REQUESTS, CibaGrant.TOO_MANY_REQUESTS,
                    refused.getMessage(), retryAfter(refused), false);
            case REQUESTER_BLOCKED -> new BackchannelError(HttpStatus.FORBIDDEN, "access_denied", refused.getMessage());
            default -> new BackchannelError(HttpStatus.BAD_REQUEST, "invalid_request", refused.getMessage());
        };
    }

}
