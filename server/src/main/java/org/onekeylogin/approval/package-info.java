/**
 * Phone-approved sign-in ("one-key login"): a client that is not signed in asks for an
 * account; the server finds the account's control terminals (its signed-in phones and
 * tablets, and those of the accounts it is bound to), shows the client a random code and
 * asks every terminal; the person types that code on the phone (number matching) or
 * denies. The first decision wins. One state machine
 * ({@link org.onekeylogin.approval.LoginRequestState}) serves the JSON API and OpenID
 * Connect CIBA.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.approval;
