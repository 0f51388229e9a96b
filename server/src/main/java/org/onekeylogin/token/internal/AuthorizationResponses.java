package org.onekeylogin.token.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * How the authorization endpoint answers a browser (RFC 6749 section 4.1.2): the code, or
 * an error the client may learn, on the client's redirect URI with its {@code state}; a
 * request whose client or redirect URI cannot be trusted gets a page of OneKey's instead,
 * never a redirect (section 4.1.2.1). Issuing a code ends the browser's sign-in
 * ({@link BrowserSignIn}): the next app asks again.
 */
public final class AuthorizationResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    /** Where a browser that is not signed in goes: OneKey's hosted sign-in page. */
    public static final String SIGN_IN_PAGE = "/signin.html";

    private final BrowserSignIn browsers;

    private final SessionRegistry sessionRegistry;

    /**
     * @param browsers the browsers' sign-ins
     * @param sessionRegistry the registry in which Spring's authorization endpoint notes
     * an HTTP session for every OpenID request it answers with a code
     */
    public AuthorizationResponses(BrowserSignIn browsers, SessionRegistry sessionRegistry) {
        this.browsers = browsers;
        this.sessionRegistry = sessionRegistry;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        var issued = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        if (issued.getRedirectUri() == null || issued.getAuthorizationCode() == null) {
            throw new IllegalStateException("An issued authorization code has a redirect URI");
        }
        // Spring's OpenID Connect support has just opened an HTTP session and noted it
        // in its registry (for a sid of its own, which OneKey's ID tokens replace with
        // the device session's): neither is kept, so no node holds anything of this
        // browser and the registry does not grow
        HttpSession session = request.getSession(false);
        if (session != null) {
            sessionRegistry.removeSessionInformation(session.getId());
            session.invalidate();
        }
        browsers.clear(request, response);
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(issued.getRedirectUri())
            .queryParam(OAuth2ParameterNames.CODE, issued.getAuthorizationCode().getTokenValue());
        if (StringUtils.hasText(issued.getState())) {
            uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(issued.getState(), StandardCharsets.UTF_8));
        }
        redirect(response, uri.build(true).toUriString());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        OAuth2AuthorizationCodeRequestAuthenticationToken asked = exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
                ? e.getAuthorizationCodeRequestAuthentication() : null;
        if (asked == null || !StringUtils.hasText(asked.getRedirectUri())) {
            page(response, error);
            return;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(asked.getRedirectUri())
            .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION,
                    UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(error.getUri())) {
            uri.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(asked.getState())) {
            uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(asked.getState(), StandardCharsets.UTF_8));
        }
        redirect(response, uri.build(true).toUriString());
    }

    /**
     * Sends a browser that is not signed in to the hosted sign-in page, with the
     * authorization request to come back to.
     */
    public static void toSignInPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String redirectUri = request.getParameter(OAuth2ParameterNames.REDIRECT_URI);
        String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
        String prompt = request.getParameter("prompt");
        if (prompt != null && redirectUri != null && request.getParameter("request_uri") == null && scope != null
                && List.of(scope.split(" ")).contains("openid") && List.of(prompt.split(" ")).contains("none")) {
            // OpenID Connect Core section 3.1.2.6: no page may be shown; the request
            // itself
            // was validated before it got here
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri)
                .queryParam(OAuth2ParameterNames.ERROR, "login_required");
            String state = request.getParameter(OAuth2ParameterNames.STATE);
            if (StringUtils.hasText(state)) {
                uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(state, StandardCharsets.UTF_8));
            }
            redirect(response, uri.build(true).toUriString());
            return;
        }
        String query = request.getQueryString();
        if (query == null) {
            UriComponentsBuilder parameters = UriComponentsBuilder.newInstance();
            request.getParameterMap().forEach((name, values) -> parameters.queryParam(name, (Object[]) values));
            query = parameters.encode().build().getQuery();
        }
        redirect(response, request.getContextPath() + SIGN_IN_PAGE + (query == null ? "" : "?" + query));
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    /** The page for a request that cannot go back to its client. */
    private static void page(HttpServletResponse response, OAuth2Error error) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String parameter = error.getDescription() == null ? "" : error.getDescription();
        String what = parameter.contains(OAuth2ParameterNames.REDIRECT_URI)
                ? "The app asked to send you back to an address it has not registered with OneKey."
                : parameter.contains(OAuth2ParameterNames.CLIENT_ID)
                        ? "The app that sent you here is not known to OneKey."
                        : "The sign-in link of the app that sent you here is not right.";
        response.getWriter()
            .write("""
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>OneKey — sign-in link not right</title>
                    <link rel="stylesheet" href="/assets/onekey.css"></head>
                    <body><main class="card" style="max-width:480px;margin:12vh auto;padding:32px">
                    <h1 data-testid="authorization-error">This sign-in cannot continue</h1>
                    <p>%s Go back to the app and try again; if it keeps happening, tell the app's makers.</p>
                    <p class="muted">Error: <code>%s</code> %s</p>
                    </main></body></html>
                    """.formatted(HtmlUtils.htmlEscape(what), HtmlUtils.htmlEscape(error.getErrorCode()),
                    HtmlUtils.htmlEscape(parameter)));
    }

}
