package org.onekeylogin.approval.ciba;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/** Names from OpenID Connect Client-Initiated Backchannel Authentication Core 1.0. */
final class CibaGrant {

    static final AuthorizationGrantType GRANT_TYPE = new AuthorizationGrantType("urn:openid:params:grant-type:ciba");
    static final String AUTH_REQ_ID = "auth_req_id";
    static final String ENDPOINT = "/oauth2/bc-authorize";

    static final String AUTHORIZATION_PENDING = "authorization_pending";
    static final String SLOW_DOWN = "slow_down";
    static final String EXPIRED_TOKEN = "expired_token";

    /**
     * Our extension of the backchannel authentication endpoint's errors (CIBA Core
     * section 13 has none for a limit): HTTP 429 with {@code Retry-After}, distinct from
     * the person's {@code access_denied}.
     */
    static final String TOO_MANY_REQUESTS = "too_many_requests";

    private CibaGrant() {
    }

}
