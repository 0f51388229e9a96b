package org.onekeylogin.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenStore} in memory: tokens are lost when the app stops, so every start is a
 * new sign-in. For tests and kiosks that should forget.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, Tokens> tokens = new ConcurrentHashMap<>();

    @Override
    public Tokens load(String key) {
        return tokens.get(key);
    }

    @Override
    public void save(String key, Tokens value) {
        tokens.put(key, value);
    }

    @Override
    public void remove(String key) {
        tokens.remove(key);
    }

}
