package org.onekeylogin.signin;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.NewSession;
import org.onekeylogin.device.ScreenClass;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.ObservedNetwork;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.token.SessionTokens;
import org.onekeylogin.token.TokenIssuer;
import org.onekeylogin.token.TokenRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens a device session for an account that a flow has authenticated, and issues its
 * tokens — or, for a QR code, attaches the session to the device-code authorization whose
 * tokens the device collects later.
 *
 * <p>
 * Each sign-in is one database transaction: the session (and the earlier session it
 * replaces), the audit entry, the network history, the tokens and what the
 * {@code SessionOpened} listeners record commit together or not at all. A sign-in whose
 * tokens cannot be stored therefore leaves no session behind, and push notices and bus
 * messages, which go out after the commit, are never sent for it. Inside a caller's
 * transaction the sign-in joins it, so what the caller recorded (a consumed code, a
 * redeemed handle) rolls back with it.
 *
 * <p>
 * Refusals ({@code ApiException}: an unknown client, a scope it may not have) are decided
 * before the transaction starts and before anything is written; a failure inside it is
 * unexpected and rolls everything back.
 */
@Service
public class DeviceSignIn {

    private final DeviceSessionService sessions;

    private final TokenIssuer tokens;

    private final NetworkEnvironments networks;

    private final TransactionTemplate transaction;

    public DeviceSignIn(DeviceSessionService sessions, TokenIssuer tokens, NetworkEnvironments networks,
            PlatformTransactionManager transactions) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.networks = networks;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A device signed in: its session and the tokens the client receives (once). */
    public record SignedIn(DeviceSession session, SessionTokens tokens) {
    }

    public SignedIn signIn(Account account, DeviceDescription device, String clientId, SignInMethod method,
            Set<String> scopes, @Nullable String ipAddress, @Nullable ObservedNetwork network) {
        return signIn(account, device, clientId, method, scopes, ipAddress, network, UUID.randomUUID().toString());
    }

    /**
     * As
     * {@link #signIn(Account, DeviceDescription, String, SignInMethod, Set, String, ObservedNetwork)},
     * under a session id the caller chose (and recorded in the same transaction).
     */
    public SignedIn signIn(Account account, DeviceDescription device, String clientId, SignInMethod method,
            Set<String> scopes, @Nullable String ipAddress, @Nullable ObservedNetwork network, String sessionId) {
        Set<String> granted = tokens.grantableScopes(clientId, scopes);
        return transaction.execute(status -> {
            DeviceSession session = open(account.id(), device, clientId, method, ipAddress, network, sessionId);
            return new SignedIn(session, tokens.issue(new TokenRequest(session, granted)));
        });
    }

    /**
     * Signs the device that showed a QR code into {@code accountId} (RFC 8628): the
     * session takes the id of the device-code authorization, which is approved for it;
     * the device's next poll of the token endpoint gets the tokens.
     */
    public DeviceSession signInByDeviceCode(String accountId, DeviceDescription device, String clientId,
            @Nullable String ipAddress, OAuth2Authorization pending) {
        return transaction.execute(status -> {
            DeviceSession session = open(accountId, device, clientId, SignInMethod.QR_CODE, ipAddress, null,
                    pending.getId());
            tokens.approveDeviceCode(pending, session);
            return session;
        });
    }

    private DeviceSession open(String accountId, DeviceDescription device, String clientId, SignInMethod method,
            @Nullable String ipAddress, @Nullable ObservedNetwork network, String sessionId) {
        DeviceSession session = sessions.open(new NewSession(accountId, device, clientId, method, ipAddress,
                network == null ? null : network.label(), network == null ? null : network.id()), sessionId);
        if (network != null) {
            networks.seen(network, ipAddress);
            networks.signedIn(network, accountId);
            networks.present(device.id(), network, accountId, device.screenClass() == ScreenClass.SMALL);
        }
        return session;
    }

}
