package org.onekeylogin.token.internal;

import java.util.List;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Caller;
import org.onekeylogin.token.SessionClaims;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link Caller} parameters from the authenticated access token. */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw new ApiException(ErrorCode.AUTHENTICATION_REQUIRED, "Sign in first.");
        }
        Jwt jwt = token.getToken();
        List<String> audience = jwt.getAudience();
        return new Caller(jwt.getSubject(), jwt.getClaimAsString(SessionClaims.SESSION_ID),
                jwt.getClaimAsString(SessionClaims.DEVICE_ID),
                audience == null || audience.isEmpty() ? "" : audience.get(0));
    }

}
