package org.onekeylogin.token.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The signing keys as the authorization server and the token checks read them. They are
 * read from the database (or, on a new database, generated: an RSA key takes a moment) on
 * a thread of their own while the rest of the service starts, and the start waits for
 * them once every other bean is made: the service never answers without its keys, and a
 * database that cannot give them still stops the start.
 */
public final class SigningKeySet implements JWKSource<SecurityContext>, SmartInitializingSingleton {

    private final CompletableFuture<JWKSet> keys;

    public SigningKeySet(SigningKeys keys) {
        this.keys = CompletableFuture.supplyAsync(() -> new JWKSet(List.of(keys.current(), keys.rsa())),
                work -> Thread.ofVirtual().name("signing-keys").start(work));
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(keys());
    }

    @Override
    public void afterSingletonsInstantiated() {
        keys();
    }

    private JWKSet keys() {
        try {
            return keys.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

}
