/**
 * Tokens, through Spring Security's OAuth2 authorization server: OIDC discovery, JWKS,
 * the token endpoint, rotating refresh tokens, revocation (RFC 7009) and introspection
 * (RFC 7662) are Spring's; this feature configures them, keeps the signing key in the
 * database so tokens survive restarts, and issues tokens for the sign-in flows of the
 * JSON API through the same generator and authorization store, so every token is
 * refreshable, revocable and introspectable the standard way. Every access token names
 * its device session ({@code sid}); ending the session ends the tokens and tells the
 * client's back end (OpenID Connect Back-Channel Logout, {@code token.logout}), where the
 * end-session endpoint (RP-Initiated Logout) and the clients' browser origins (CORS) are
 * kept too.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.token;
