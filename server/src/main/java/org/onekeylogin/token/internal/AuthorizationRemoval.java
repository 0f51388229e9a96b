package org.onekeylogin.token.internal;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Removes an authorization by its id, without reading it first: Spring's
 * {@link OAuth2AuthorizationService#remove} takes the whole authorization, which a caller
 * that knows only the id (a session that ended) would have to read and map from its JSON
 * columns just to delete it.
 */
public interface AuthorizationRemoval {

    /**
     * Removes the authorization and what finds its tokens; nothing when there is none.
     */
    void removeById(String id);

    /**
     * Removes the authorization {@code id} from {@code store}: by id when the store can,
     * else by reading it first.
     */
    static void removeById(OAuth2AuthorizationService store, String id) {
        if (store instanceof AuthorizationRemoval removal) {
            removal.removeById(id);
            return;
        }
        var authorization = store.findById(id);
        if (authorization != null) {
            store.remove(authorization);
        }
    }

}
