package org.onekeylogin.account;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.RateLimiter;
import org.onekeylogin.system.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, the owner's own account, and the consent switches. */
@RestController
class AccountController {

    /** Served without an access token. */
    @Bean
    static OpenApiEndpoints registrationIsOpen() {
        return OpenApiEndpoints.post("/api/v1/accounts");
    }

    private final AccountService accounts;

    private final RateLimiter limits;

    private final AuditLog audit;

    private final RegistrationProperties registration;

    AccountController(AccountService accounts, RateLimiter limits, AuditLog audit,
            RegistrationProperties registration) {
        this.accounts = accounts;
        this.limits = limits;
        this.audit = audit;
        this.registration = registration;
    }

    @PostMapping("/api/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView register(@RequestBody Registration request, HttpServletRequest http) {
        if (!registration.enabled()) {
            throw new ApiException(ErrorCode.REGISTRATION_CLOSED, "Registration is closed on this service.");
        }
        String ip = ClientAddress.of(http);
        limits.acquire("registration-ip", ip, registration.perIpPerHour(), Duration.ofHours(1));
        Account account = accounts.register(request);
        audit.record(AuditEntry.success(AuditEventType.ACCOUNT_REGISTERED, account.id(), null, null).withIp(ip));
        return AccountView.of(account);
    }

    @GetMapping("/api/v1/account")
    AccountView me(Caller caller) {
        return AccountView.of(accounts.get(caller.accountId()));
    }

    record BindRequest(String login, String password) {
        BindRequest {
            if (login == null || login.isBlank() || login.length() > 64) {
                throw ApiException.invalid("login", "Name the account to control.");
            }
            if (password == null || password.isEmpty() || password.length() > 128) {
                throw ApiException.invalid("password", "Type that account's password to prove it is yours to control.");
            }
        }
    }

    /**
     * Binds another account (e.g. a child's) to the caller's: from now on the caller's
     * phones approve its sign-ins as control terminals. Knowing that account's password
     * is the proof of the right to do so.
     */
    @PostMapping("/api/v1/account/controlled-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView bind(@RequestBody BindRequest request, Caller caller) {
        limits.acquire("bind-account", caller.accountId(), 10, Duration.ofHours(1));
        Account controlled = accounts.authenticate(request.login(), request.password());
        accounts.bind(controlled.id(), caller.accountId());
        return AccountView.of(controlled);
    }

    /** Both switches must be sent, so a missing field never silently turns one off. */
    record ConsentsUpdate(Boolean mayRecommend, Boolean mayAutoSignIn) {
        ConsentsUpdate {
            if (mayRecommend == null) {
                throw ApiException.invalid("may_recommend",
                        "Say whether the account may be recommended (true or false).");
            }
            if (mayAutoSignIn == null) {
                throw ApiException.invalid("may_auto_sign_in",
                        "Say whether automatic sign-in is allowed (true or false).");
            }
        }
    }

    @PutMapping("/api/v1/account/consents")
    AccountView consents(@RequestBody ConsentsUpdate update, Caller caller) {
        return AccountView.of(accounts.updateConsents(caller.accountId(),
                new Consents(update.mayRecommend(), update.mayAutoSignIn())));
    }

}
