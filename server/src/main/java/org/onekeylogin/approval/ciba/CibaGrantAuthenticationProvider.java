package org.onekeylogin.approval.ciba;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.approval.LoginRequest;
import org.onekeylogin.approval.LoginRequestState;
import org.onekeylogin.approval.PhoneApproval;
import org.onekeylogin.approval.Redemption;
import org.onekeylogin.token.SessionTokens;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The CIBA token grant (CIBA Core section 10-11): redeems an approved request through the
 * same state machine as the JSON API, answering {@code authorization_pending},
 * {@code slow_down}, {@code expired_token}, {@code access_denied} or
 * {@code invalid_grant} while there is nothing to hand out.
 */
final class CibaGrantAuthenticationProvider implements AuthenticationProvider {

    private final PhoneApproval approval;

    CibaGrantAuthenticationProvider(PhoneApproval approval) {
        this.approval = approval;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var grant = (CibaGrantAuthenticationToken) authentication;
        if (!(grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientPrincipal)
                || !clientPrincipal.isAuthenticated() || clientPrincipal.getRegisteredClient() == null) {
            throw error(OAuth2ErrorCodes.INVALID_CLIENT, "Authenticate the client.");
        }
        RegisteredClient client = clientPrincipal.getRegisteredClient();
        if (!client.getAuthorizationGrantTypes().contains(CibaGrant.GRANT_TYPE)) {
            throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "This client may not use CIBA.");
        }
        LoginRequest request = approval.findByAuthReqId(grant.authReqId())
            .filter(r -> r.clientId().equals(client.getClientId()))
            .orElseThrow(() -> error(OAuth2ErrorCodes.INVALID_GRANT, "Unknown auth_req_id."));
        return switch (approval.redeem(request, true)) {
            case Redemption.SignedIn(var signedIn) -> {
                SessionTokens tokens = signedIn.tokens();
                Map<String, Object> extra = tokens.idToken() == null ? Map.of()
                        : Map.of(OidcParameterNames.ID_TOKEN, tokens.idToken());
                yield new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, tokens.accessToken(),
                        tokens.refreshToken(), extra);
            }
            case Redemption.NotRedeemable(var state, var reason, var tooFast) -> throw refusal(state, tooFast);
        };
    }

    private static OAuth2AuthenticationException refusal(LoginRequestState state, boolean tooFast) {
        return switch (state) {
            case PENDING -> tooFast ? error(CibaGrant.SLOW_DOWN, "Poll less often.")
                    : error(CibaGrant.AUTHORIZATION_PENDING, "The user has not answered yet.");
            case DENIED, FAILED -> error(OAuth2ErrorCodes.ACCESS_DENIED, "The user declined the sign-in.");
            case EXPIRED -> error(CibaGrant.EXPIRED_TOKEN, "The request expired before the user answered.");
            // a later request from the same device replaced it: like an expired one, the
            // client must ask anew
            case CANCELLED ->
                error(CibaGrant.EXPIRED_TOKEN, "The request was replaced by a newer one from the same device.");
            case APPROVED, CONSUMED -> error(OAuth2ErrorCodes.INVALID_GRANT, "This auth_req_id was already used.");
        };
    }

    private static OAuth2AuthenticationException error(String code, @Nullable String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return CibaGrantAuthenticationToken.class.isAssignableFrom(authentication);
    }

}
