package org.onekeylogin.client;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The tokens of one session and their safe refresh. Refresh tokens rotate: each refresh
 * returns a new one and retires the one sent, and a retired one presented again ends the
 * session as stolen. So:
 * <ul>
 * <li>at most one refresh per session is in flight; callers that need fresh tokens
 * meanwhile wait for it and then use its result;</li>
 * <li>a caller refreshes only if the tokens it was refused with are still the stored ones
 * (another caller may have refreshed already), and it always sends the stored refresh
 * token, never one it remembered;</li>
 * <li>the new tokens are saved to the {@link TokenStore} before anyone uses them;</li>
 * <li>a refresh whose answer was lost is not retried by the library: the error goes to
 * the caller, and the next call refreshes again with the stored token.</li>
 * </ul>
 * One instance per session key and process: {@link OneKeyClient} hands out the same one
 * for the same key.
 */
final class TokenManager {

    /** Refresh this long before the access token expires by the device's clock. */
    private static final Duration EARLY = Duration.ofSeconds(30);

    private final String key;

    private final TokenStore store;

    private final Wire wire;

    private final String clientId;

    private final Clock clock;

    /** The refresh in flight, if any; guarded by {@code this}. */
    private CompletableFuture<Tokens> inFlight;

    TokenManager(String key, TokenStore store, Wire wire, String clientId, Clock clock) {
        this.key = key;
        this.store = store;
        this.wire = wire;
        this.clientId = clientId;
        this.clock = clock;
    }

    String key() {
        return key;
    }

    /** The stored tokens, refreshed first if their access token is about to expire. */
    Tokens current() {
        Tokens tokens = stored();
        if (tokens.expiresWithin(EARLY, clock) && tokens.refreshToken() != null) {
            return refreshReplacing(tokens.accessToken());
        }
        return tokens;
    }

    /** The stored tokens as they are. */
    Tokens stored() {
        Tokens tokens = store.load(key);
        if (tokens == null) {
            throw new SignedOutException("No tokens are stored under '" + key + "': sign in first", 0);
        }
        return tokens;
    }

    void save(Tokens tokens) {
        store.save(key, tokens);
    }

    void forget() {
        store.remove(key);
    }

    /**
     * Fresh tokens, after {@code rejectedAccessToken} was refused or expired: refreshes
     * if it is still the stored access token and no refresh is in flight, joins the
     * refresh in flight otherwise, and returns what another caller's refresh stored if
     * that one has finished. Callers that joined a refresh that failed get its failure;
     * they do not send the same refresh token again.
     */
    Tokens refreshReplacing(String rejectedAccessToken) {
        CompletableFuture<Tokens> refresh;
        String refreshToken;
        boolean mine = false;
        synchronized (this) {
            Tokens tokens = stored();
            if (!tokens.accessToken().equals(rejectedAccessToken)) {
                return tokens;
            }
            if (tokens.refreshToken() == null) {
                throw new SignedOutException("The access token was refused and there is no refresh token", 401);
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            refresh = inFlight;
            refreshToken = tokens.refreshToken();
        }
        if (mine) {
            run(refresh, refreshToken);
        }
        try {
            return refresh.join();
        }
        catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException) {
                throw (RuntimeException) failed.getCause();
            }
            throw failed;
        }
    }

    private void run(CompletableFuture<Tokens> refresh, String refreshToken) {
        Tokens renewed = null;
        RuntimeException failure = null;
        try {
            renewed = exchange(refreshToken);
            store.save(key, renewed);
        }
        catch (RuntimeException e) {
            failure = e;
        }
        catch (Error e) {
            refresh.completeExceptionally(e);
            throw e;
        }
        finally {
            synchronized (this) {
                inFlight = null;
            }
        }
        if (failure != null) {
            refresh.completeExceptionally(failure);
        }
        else {
            refresh.complete(renewed);
        }
    }

    private Tokens exchange(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        try {
            return Tokens.fromResponse(wire.form("/oauth2/token", form, Tokens.TokenResponse.class), clock);
        }
        catch (OAuthException refused) {
            if (OAuthException.INVALID_GRANT.equals(refused.error())) {
                store.remove(key);
                throw new SignedOutException("The session has ended: its refresh token was refused",
                        refused.httpStatus());
            }
            throw refused;
        }
    }

}
