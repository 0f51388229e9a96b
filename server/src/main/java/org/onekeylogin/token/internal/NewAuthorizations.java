package org.onekeylogin.token.internal;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Stores an authorization that cannot exist yet: its id is the id of a device session
 * opened in the current transaction. Spring's store looks every authorization up before
 * it decides between an insert and an update; a sign-in knows the answer and saves the
 * look-up (and, for the session, its row lock, which the transaction that inserted the
 * session holds already).
 */
public interface NewAuthorizations {

    void insert(OAuth2Authorization authorization);

}
