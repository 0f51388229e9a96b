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

    /**
     * Both fields are sent; null (or an empty nickname) clears one, so the screens go
     * back to the masked name or the derived colour.
     */
    record AppearanceUpdate(@org.jspecify.annotations.Nullable String nickname,
            @org.jspecify.annotations.Nullable String avatarColor) {
    }

    @PutMapping("/api/v1/account/appearance")
    AccountView appearance(@RequestBody AppearanceUpdate update, Caller caller) {
        return AccountView
            .of(accounts.updateAppearance(caller.accountId(), new Appearance(update.nickname(), update.avatarColor())));
    }

    @PutMapping("/api/v1/account/consents")
    AccountView consents(@RequestBody ConsentsUpdate update, Caller caller) {
        return AccountView.of(accounts.updateConsents(caller.accountId(),
                new Consents(update.mayRecommend(), update.mayAutoSignIn())));
    }

}
