package org.onekeylogin.approval.ciba;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * The input of a CIBA token request: the {@code auth_req_id} and the authenticated
 * client.
 */
final class CibaGrantAuthenticationToken extends OAuth2AuthorizationGrantAuthenticationToken {

    private final String authReqId;

    CibaGrantAuthenticationToken(String authReqId, Authentication clientPrincipal, Map<String, Object> parameters) {
        super(CibaGrant.GRANT_TYPE, clientPrincipal, parameters);
        this.authReqId = authReqId;
    }

    String authReqId() {
        return authReqId;
    }

}
