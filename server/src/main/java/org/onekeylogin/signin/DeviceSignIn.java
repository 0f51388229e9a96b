package org.onekeylogin.signin;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.NewSession;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.device.ScreenClass;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.ObservedNetwork;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.token.SessionTokens;
import org.onekeylogin.token.TokenIssuer;
import org.onekeylogin.token.TokenRequest;
import org.springframework.stereotype.Service;

/** Opens a device session for an account that a flow has authenticated, and issues its tokens. */
@Service
public class DeviceSignIn {

    private final DeviceSessionService sessions;
    private final TokenIssuer tokens;
    private final NetworkEnvironments networks;

    public DeviceSignIn(DeviceSessionService sessions, TokenIssuer tokens, NetworkEnvironments networks) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.networks = networks;
    }

    /** A device signed in: its session and the tokens the client receives (once). */
    public record SignedIn(DeviceSession session, SessionTokens tokens) {
    }

    public SignedIn signIn(Account account, DeviceDescription device, String clientId, SignInMethod method,
            Set<String> scopes, @Nullable String ipAddress, @Nullable ObservedNetwork network) {
        DeviceSession session = sessions.open(new NewSession(account.id(), device, clientId, method, ipAddress,
                network == null ? null : network.label(), network == null ? null : network.id()));
        if (network != null) {
            networks.seen(network, ipAddress);
            networks.signedIn(network, account.id());
            networks.present(device.id(), network, account.id(), device.screenClass() == ScreenClass.SMALL);
        }
        try {
            return new SignedIn(session, tokens.issue(new TokenRequest(session, scopes)));
        } catch (RuntimeException failed) {
            sessions.end(session.id(), null, RevokeReason.SIGNED_OUT, ipAddress);
            throw failed;
        }
    }
}
