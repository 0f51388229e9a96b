package org.onekeylogin.approval.ciba;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Parses {@code grant_type=urn:openid:params:grant-type:ciba&auth_req_id=...}; ignores
 * every other grant.
 */
final class CibaGrantAuthenticationConverter implements AuthenticationConverter {

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (!CibaGrant.GRANT_TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
            return null;
        }
        String[] ids = request.getParameterValues(CibaGrant.AUTH_REQ_ID);
        if (ids == null || ids.length != 1 || ids[0].isBlank() || ids[0].length() > 100) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "Send exactly one auth_req_id.", null));
        }
        Authentication client = SecurityContextHolder.getContext().getAuthentication();
        return new CibaGrantAuthenticationToken(ids[0], client, Map.of());
    }

}
