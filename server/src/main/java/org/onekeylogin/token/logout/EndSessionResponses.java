package org.onekeylogin.token.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.token.SessionClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the end-session endpoint answers the browser. On a valid request the device
 * session named by the ID token's {@code sid} ends, as a sign-out of the device itself
 * ({@link RevokeReason#SIGNED_OUT}, audited like every sign-out, and followed by the
 * back-channel logout of its client), any browser session with OneKey ends too, and the
 * browser goes to the registered {@code post_logout_redirect_uri} with {@code state}, or
 * sees a small "You are signed out" page when none was given. A refused request ends
 * nothing and shows an error page: never a redirect to an address that was not
 * registered.
 */
final class EndSessionResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(EndSessionResponses.class);

    private final DeviceSessionService sessions;

    private final SecurityContextLogoutHandler browserSessions = new SecurityContextLogoutHandler();

    EndSessionResponses(DeviceSessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        var logout = (OidcLogoutAuthenticationToken) authentication;
        String sessionId = logout.getIdToken().getClaimAsString(SessionClaims.SESSION_ID);
        // false when it had already ended: signing out twice is still signed out
        sessions.end(sessionId, sessionId, RevokeReason.SIGNED_OUT, ClientAddress.of(request));
        if (request.getSession(false) != null) {
            browserSessions.logout(request, response, null);
        }
        response.setHeader("Cache-Control", "no-store");
        if (logout.getPostLogoutRedirectUri() != null && !logout.getPostLogoutRedirectUri().isBlank()) {
            var target = UriComponentsBuilder.fromUriString(logout.getPostLogoutRedirectUri());
            if (logout.getState() != null && !logout.getState().isBlank()) {
                target.queryParam("state", "{state}");
                response.sendRedirect(target.encode().buildAndExpand(logout.getState()).toUriString());
            }
            else {
                response.sendRedirect(target.build().toUriString());
            }
            return;
        }
        page(response, HttpServletResponse.SC_OK, "You are signed out",
                "You are signed out of this app. You can close this page.");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String description = exception instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null ? oauth.getError().getDescription()
                        : "The sign-out request is not valid.";
        if (description.startsWith("OpenID Connect 1.0 Logout Request Parameter: ")) {
            // Spring's parser: a parameter missing or repeated
            description = "Send one " + description.substring(description.indexOf(':') + 2) + ".";
        }
        log.info("End-session request refused: {}", description);
        response.setHeader("Cache-Control", "no-store");
        page(response, HttpServletResponse.SC_BAD_REQUEST, "Sign-out failed",
                description + " Nothing was signed out; go back to the app and try again.");
    }

    private static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>OneKey — %1$s</title>
                <style>
                  body { margin:0; font:17px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1c2330;
                         background:#eef2f8; display:flex; min-height:100vh; align-items:center; justify-content:center; }
                  main { width:min(420px, 100%% - 32px); background:#fff; border-radius:20px; padding:28px 24px;
                         box-shadow:0 12px 40px rgba(20,40,80,.12); }
                  h1 { font-size:24px; margin:0 0 8px; }
                  p { color:#5b6577; margin:0; }
                </style>
                </head>
                <body>
                <main><h1>%1$s</h1><p>%2$s</p></main>
                </body>
                </html>
                """
            .formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(text));
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

}
