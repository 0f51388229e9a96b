package org.onekeylogin.token.logout;

/**
 * One back-channel logout as claimed for sending: whom it tells ({@code clientId}) about
 * which session of which account, in the name of which issuer, under which token id
 * ({@code jti}, the same on every attempt, so a client that got it twice can tell).
 * {@code attempt} counts from 1.
 */
record LogoutDelivery(long id, String clientId, String sessionId, String subject, String issuer, String jti,
        int attempt) {
}
