package org.onekeylogin.signin;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.RateLimiter;
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

    private final DeviceSignIn signIn;

    private final TokenIssuer tokens;

    private final RateLimiter limits;

    private final AuditLog audit;

    private final SignInProperties properties;

    private final NetworkEnvironments networks;

    PasswordSignInController(AccountService accounts, DeviceSignIn signIn, TokenIssuer tokens, RateLimiter limits,
            AuditLog audit, SignInProperties properties, NetworkEnvironments networks) {
        this.networks = networks;
        this.accounts = accounts;
        this.signIn = signIn;
        this.tokens = tokens;
        this.limits = limits;
        this.audit = audit;
        this.properties = properties;
    }

    @PostMapping("/api/v1/sign-in/password")
    SignInResponse signIn(@RequestBody PasswordSignInRequest request, HttpServletRequest http) {
        String ip = ClientAddress.of(http);
        limits.acquire("password-ip", ip, properties.passwordAttemptsPerIpPerMinute(), Duration.ofMinutes(1));
        // keyed by the account, whichever way it is typed (name, or phone number in any
        // format)
        String limitKey = accounts.findByIdentifier(request.login())
            .map(Account::id)
            .orElse(request.login().trim().toLowerCase(Locale.ROOT));
        limits.acquire("password-login", limitKey, properties.passwordAttemptsPerAccountPer15Minutes(),
                Duration.ofMinutes(15));
        String clientId = tokens.deviceClientId(request.clientId(), properties.defaultClientId());
        Account account;
        try {
            account = accounts.authenticate(request.login(), request.password());
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
