package org.onekeylogin.signin;

import org.onekeylogin.device.SessionView;
import org.onekeylogin.token.IssuedTokens;

/** What a device receives when it is signed in: its session and its tokens. */
public record SignInResponse(SessionView session, IssuedTokens tokens) {

    public static SignInResponse of(DeviceSignIn.SignedIn signedIn) {
        return new SignInResponse(SessionView.of(signedIn.session(), signedIn.session().id()),
                signedIn.tokens().response());
    }
}
