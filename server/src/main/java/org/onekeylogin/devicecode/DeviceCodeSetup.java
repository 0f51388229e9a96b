package org.onekeylogin.devicecode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceType;
import org.onekeylogin.devicecode.internal.DeviceCodeRequestStore;
import org.onekeylogin.devicecode.internal.DeviceCodeRequestStore.DeviceCodeRequest;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.token.AuthorizationServerCustomizer;
import org.onekeylogin.token.TokenProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.endpoint.OAuth2DeviceAuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2DeviceAuthorizationResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The QR-code sign-in (RFC 8628) on Spring's device authorization endpoint. A TV may
 * describe itself with the extra parameters {@code device_id}, {@code device_type},
 * {@code device_name} and {@code device_os}; they are recorded with the user code so the
 * phone that approves sees who is asking (RFC 8628 section 5.4). The verification URI
 * points at this service's {@code /link} page, which the signed-in phone opens from the
 * QR code.
 */
@Component
class DeviceCodeSetup implements AuthorizationServerCustomizer {

    static final String LINK_PATH = "/link";

    private final DeviceCodeRequestStore requests;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2DeviceAuthorizationResponseHttpMessageConverter converter = new OAuth2DeviceAuthorizationResponseHttpMessageConverter();

    private final long interval;

    DeviceCodeSetup(DeviceCodeRequestStore requests, OAuth2AuthorizationService authorizations,
            TokenProperties properties) {
        this.requests = requests;
        this.authorizations = authorizations;
        this.interval = properties.tokens().deviceCodeInterval().toSeconds();
    }

    @Override
    public void customize(OAuth2AuthorizationServerConfigurer server) {
        server.deviceAuthorizationEndpoint(endpoint -> endpoint.deviceAuthorizationResponseHandler(this::respond));
    }

    private void respond(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var result = (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
        var deviceCode = result.getDeviceCode();
        var userCode = result.getUserCode();
        OAuth2Authorization authorization = authorizations.findByToken(deviceCode.getTokenValue(),
                new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE));
        if (authorization == null) {
            throw new IllegalStateException("The device authorization was not stored");
        }
        DeviceDescription device;
        try {
            device = describe(request, authorization.getId());
        }
        catch (ApiException invalid) {
            authorizations.remove(authorization);
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        Instant expiresAt = userCode.getExpiresAt() == null ? Instant.now() : userCode.getExpiresAt();
        requests.insert(new DeviceCodeRequest(userCode.getTokenValue(), authorization.getId(), device,
                ClientAddress.of(request), clientId(result),
                userCode.getIssuedAt() == null ? Instant.now() : userCode.getIssuedAt(), expiresAt));

        String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
        UriComponentsBuilder link = UriComponentsBuilder.fromUriString(issuer).path(LINK_PATH);
        converter.write(OAuth2DeviceAuthorizationResponse.with(deviceCode, userCode)
            .verificationUri(link.build().toUriString())
            .verificationUriComplete(
                    link.queryParam(OAuth2ParameterNames.USER_CODE, userCode.getTokenValue()).build().toUriString())
            .interval(interval)
            .build(), null, new ServletServerHttpResponse(response));
    }

    private static String clientId(OAuth2DeviceAuthorizationRequestAuthenticationToken result) {
        var client = (OAuth2ClientAuthenticationToken) result.getPrincipal();
        return client.getRegisteredClient() == null ? String.valueOf(client.getPrincipal())
                : client.getRegisteredClient().getClientId();
    }

    private static DeviceDescription describe(HttpServletRequest request, String authorizationId) {
        String id = parameter(request, "device_id");
        String type = parameter(request, "device_type");
        String name = parameter(request, "device_name");
        return new DeviceDescription(id == null ? "device-code:" + authorizationId : id,
                type == null ? DeviceType.TV : DeviceType.fromWire(type), name == null ? "TV" : name, null,
                parameter(request, "device_os"), null);
    }

    private static @Nullable String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value;
    }

}
