package org.onekeylogin.binding;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.Binding;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.signin.PasswordAttempts;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.Caller;
import org.onekeylogin.system.ErrorCode;
import org.springframework.stereotype.Service;

/**
 * Making, listing and removing bindings.
 *
 * <p>
 * A bind attempt is a password attempt against the account to be bound, by the calling
 * device from its address, counted by the same limits as password sign-in
 * ({@link PasswordAttempts}): free accounts cannot multiply the guesses, and a bind
 * attempt is refused exactly when that requester's sign-in would be. Each refusal is
 * audited on the account it named; a binding made is audited there and told to all its
 * signed-in devices, and a removal is audited and told to the other side.
 */
@Service
class Bindings {

    private final AccountService accounts;

    private final PasswordAttempts passwords;

    private final BindingNotices notices;

    private final AuditLog audit;

    private final Clock clock;

    Bindings(AccountService accounts, PasswordAttempts passwords, BindingNotices notices, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a side sees: the accounts that control it, and those it controls. */
    record Both(List<BindingView> controlledBy, List<BindingView> controls) {
    }

    /**
     * Binds the account named by {@code login} to the caller's, when {@code password} is
     * its password; binding again is no error and changes nothing.
     */
    Account bind(String login, String password, Caller caller, @Nullable String ip) {
        Optional<Account> named = accounts.findByIdentifier(login);
        if (named.isPresent() && named.get().id().equals(caller.accountId())) {
            throw ApiException.invalid("login", "An account cannot be bound to itself.");
        }
        Account bound;
        try {
            bound = passwords.verify(login, password, new PasswordAttempts.Requester(caller.deviceId(), ip));
        }
        catch (ApiException refused) {
            audit.record(new AuditEntry(AuditEventType.BINDING_REFUSED, AuditEntry.Outcome.FAILURE,
                    named.map(Account::id).orElse(null), caller.deviceId(), null, caller.sessionId(), ip,
                    refused.code().code()));
            throw refused;
        }
        if (accounts.bind(bound.id(), caller.accountId())) {
            Binding binding = accounts.binding(bound.id(), caller.accountId()).orElseThrow();
            audit.record(new AuditEntry(AuditEventType.BINDING_CREATED, AuditEntry.Outcome.SUCCESS, bound.id(),
                    caller.deviceId(), null, caller.sessionId(), ip, "controller:" + caller.accountId()));
            notices.bound(binding, accounts.get(caller.accountId()));
        }
        return bound;
    }

    Both of(String accountId) {
        List<Binding> all = accounts.bindingsOf(accountId);
        return new Both(
                all.stream()
                    .filter(b -> b.accountId().equals(accountId))
                    .map(b -> BindingView.of(b, accounts.get(b.controllerAccountId())))
                    .toList(),
                all.stream()
                    .filter(b -> b.controllerAccountId().equals(accountId))
                    .map(b -> BindingView.of(b, accounts.get(b.accountId())))
                    .toList());
    }

    /**
     * Removes a binding the caller's account is a side of; {@code binding_not_found} for
     * any other id, so ids of other accounts' bindings cannot be told from made-up ones.
     */
    void remove(String bindingId, Caller caller, @Nullable String ip) {
        Binding binding = accounts.findBinding(bindingId)
            .filter(b -> b.involves(caller.accountId()))
            .filter(b -> accounts.unbind(b.id()))
            .orElseThrow(Bindings::notFound);
        boolean byController = binding.controllerAccountId().equals(caller.accountId());
        audit.record(new AuditEntry(AuditEventType.BINDING_REMOVED, AuditEntry.Outcome.SUCCESS, binding.accountId(),
                caller.deviceId(), null, caller.sessionId(), ip,
                (byController ? "by_controller:" : "by_bound_account:") + binding.controllerAccountId()));
        notices.removed(binding, accounts.get(caller.accountId()),
                byController ? binding.accountId() : binding.controllerAccountId(), clock.instant());
    }

    static ApiException notFound() {
        return new ApiException(ErrorCode.BINDING_NOT_FOUND, "There is no binding with that id for this account.");
    }

}
