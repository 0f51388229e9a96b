package org.onekeylogin.signin;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.token.TokenIssuer;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password sign-in for a described device: the phone's own way in, and the start of every
 * demo.
 */
@RestController
class PasswordSignInController {

    /** Served without an access token. */
    @Bean
    static OpenApiEndpoints passwordSignInIsOpen() {
        return OpenApiEndpoints.post("/api/v1/sign-in/password");
    }

    private final AccountService accounts;

    private final PasswordAttempts passwords;

    private final DeviceSignIn signIn;

    private final TokenIssuer tokens;

    private final AuditLog audit;

    private final SignInProperties properties;

    private final NetworkEnvironments networks;

    PasswordSignInController(AccountService accounts, PasswordAttempts passwords, DeviceSignIn signIn,
            TokenIssuer tokens, AuditLog audit, SignInProperties properties, NetworkEnvironments networks) {
        this.networks = networks;
        this.accounts = accounts;
        this.passwords = passwords;
        this.signIn = signIn;
        this.tokens = tokens;
        this.audit = audit;
        this.properties = properties;
    }

    /**
     * The password is checked within the account's password limits
     * ({@link PasswordAttempts}); a wrong one and a refusal beyond a limit are audited.
     */
    @PostMapping("/api/v1/sign-in/password")
    SignInResponse signIn(@RequestBody PasswordSignInRequest request, HttpServletRequest http) {
        String ip = ClientAddress.of(http);
        String clientId = tokens.deviceClientId(request.clientId(), properties.defaultClientId());
        Account account;
        try {
            account = passwords.verify(request.login(), request.password(),
                    new PasswordAttempts.Requester(request.device().id(), ip));
        }
        catch (ApiException refused) {
            audit.record(new AuditEntry(AuditEventType.SIGN_IN_FAILED, AuditEntry.Outcome.FAILURE,
                    accounts.findByIdentifier(request.login()).map(Account::id).orElse(null), request.device().id(),
                    null, null, ip, refused.code().code()));
            throw refused;
        }
        return SignInResponse.of(signIn.signIn(account, request.device(), clientId, SignInMethod.PASSWORD,
                request.scopes(), ip, request.network() == null ? null : networks.identify(request.network())));
    }

}
