package org.onekeylogin.token.logout;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.token.SessionClaims;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationValidator;

/**
 * The rules of the end-session endpoint (OpenID Connect RP-Initiated Logout 1.0 section
 * 2): the {@code id_token_hint} must be an ID token this service signed (its ES256 key,
 * its issuer, not an access token), for a registered client ({@code aud}; a
 * {@code client_id} sent as well must be that client), naming a device session of that
 * client and account ({@code sid}, {@code sub}); an expired one is accepted, as the
 * specification asks. A {@code post_logout_redirect_uri} must be one the client
 * registered, compared exactly.
 *
 * <p>
 * Spring's own provider looks the hint up in the authorization store instead, which holds
 * only the newest ID token of a session and none once the session has ended: a hint from
 * before a refresh, or a second click on "sign out", would be refused. The signature
 * check accepts both, and ending a session that already ended is answered as signed out.
 */
final class IdTokenHintAuthenticationProvider implements AuthenticationProvider {

    private static final String SPEC = "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ValidationAndErrorHandling";

    private final NimbusJwtDecoder signatures;

    private final RegisteredClientRepository clients;

    private final DeviceSessionService sessions;

    private final OidcLogoutAuthenticationValidator redirects = new OidcLogoutAuthenticationValidator();

    IdTokenHintAuthenticationProvider(JWKSource<SecurityContext> keys, RegisteredClientRepository clients,
            DeviceSessionService sessions) {
        this.signatures = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        // expiry is no reason to refuse a hint; the claims are checked below
        this.signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        this.clients = clients;
        this.sessions = sessions;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var request = (OidcLogoutAuthenticationToken) authentication;
        Jwt hint;
        try {
            hint = signatures.decode(request.getIdTokenHint());
        }
        catch (JwtException e) {
            throw refused(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint is not an ID token issued here.");
        }
        Object type = hint.getHeaders().get("typ");
        if (type != null && !"JWT".equalsIgnoreCase(String.valueOf(type))) {
            throw refused(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint is not an ID token.");
        }
        String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
        if (hint.getIssuer() == null || !issuer.equals(hint.getIssuer().toString())) {
            throw refused(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint was issued by another server.");
        }
        List<String> audience = hint.getAudience();
        RegisteredClient client = audience == null || audience.size() != 1 ? null
                : clients.findByClientId(audience.getFirst());
        if (client == null) {
            throw refused(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint is not for a registered client.");
        }
        if (request.getClientId() != null && !request.getClientId().isBlank()
                && !request.getClientId().equals(client.getClientId())) {
            throw refused(OAuth2ErrorCodes.INVALID_REQUEST, "client_id is not the client of id_token_hint.");
        }
        String sessionId = hint.getClaimAsString(SessionClaims.SESSION_ID);
        DeviceSession session = sessionId == null ? null : sessions.find(sessionId).orElse(null);
        if (session == null || !session.accountId().equals(hint.getSubject())
                || !session.clientId().equals(client.getClientId())) {
            throw refused(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint names no session of this client.");
        }
        try {
            redirects.accept(OidcLogoutAuthenticationContext.with(request).registeredClient(client).build());
        }
        catch (OAuth2AuthenticationException e) {
            throw refused(OAuth2ErrorCodes.INVALID_REQUEST,
                    "post_logout_redirect_uri is not registered for this client.");
        }
        Map<String, Object> claims = hint.getClaims();
        var idToken = new OidcIdToken(hint.getTokenValue(), hint.getIssuedAt(), hint.getExpiresAt(), claims);
        return new OidcLogoutAuthenticationToken(idToken, (Authentication) request.getPrincipal(),
                request.getSessionId(), client.getClientId(), request.getPostLogoutRedirectUri(), request.getState());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OidcLogoutAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static OAuth2AuthenticationException refused(String code, @Nullable String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, SPEC));
    }

}
