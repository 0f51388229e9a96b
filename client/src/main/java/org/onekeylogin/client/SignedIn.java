package org.onekeylogin.client;

import java.time.Clock;

/**
 * A completed sign-in: the new session and its tokens. Hand the tokens to
 * {@link OneKeyClient#signedIn} to keep them and make authenticated calls.
 */
public final class SignedIn {

    private final Session session;

    private final Tokens tokens;

    private SignedIn(Session session, Tokens tokens) {
        this.session = session;
        this.tokens = tokens;
    }

    static SignedIn from(Body body, Clock clock) {
        return new SignedIn(body.session, Tokens.fromResponse(body.tokens, clock));
    }

    public Session session() {
        return session;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The wire shape: {@code {"session": ..., "tokens": ...}}. */
    static final class Body {

        Session session;

        Tokens.TokenResponse tokens;

    }

}
