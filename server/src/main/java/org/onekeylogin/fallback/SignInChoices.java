package org.onekeylogin.fallback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.MaskedName;
import org.onekeylogin.approval.LoginStarted;
import org.onekeylogin.approval.PhoneApproval;
import org.onekeylogin.approval.StartLogin;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.fallback.internal.SignInChoiceStore;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.SecretGenerator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Builds a device's sign-in options and turns a pick into a phone approval. Handles carry 128 random bits, are
 * stored hashed, expire after ten minutes, work once, and only for the device they were offered to.
 */
@Service
public class SignInChoices {

    static final int MAX_ACCOUNTS = 6;
    static final Duration HANDLE_LIFETIME = Duration.ofMinutes(10);

    private final SignInChoiceStore store;
    private final AccountService accounts;
    private final PhoneApproval approval;
    private final SecretGenerator secrets;
    private final Clock clock;

    public SignInChoices(SignInChoiceStore store, AccountService accounts, PhoneApproval approval,
            SecretGenerator secrets, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.approval = approval;
        this.secrets = secrets;
        this.clock = clock;
    }

    public SignInOptions optionsFor(DeviceDescription device) {
        Instant now = clock.instant();
        List<SignInOptions.OfferedAccount> offered = new ArrayList<>();
        for (SignInChoiceStore.HistoryEntry entry : store.history(device.id(), MAX_ACCOUNTS)) {
            accounts.find(entry.accountId()).filter(Account::isActive).ifPresent(account -> {
                String handle = secrets.token(128);
                store.offer(hash(handle), device.id(), account.id(), "history", now, now.plus(HANDLE_LIFETIME));
                offered.add(new SignInOptions.OfferedAccount(handle, SignInOptions.Source.HISTORY,
                        MaskedName.of(account.loginName()), initial(account),
                        account.tier().name().toLowerCase(Locale.ROOT), entry.signedIn()));
            });
        }
        return new SignInOptions(offered, SignInOptions.DEFAULT_METHODS);
    }

    /** Picking an offered account asks that account's phones to approve, as in phone-approved sign-in. */
    public LoginStarted pick(String handle, DeviceDescription device, String clientId, @Nullable String ip) {
        String accountId = store.redeem(hash(handle), device.id(), clock.instant())
                .orElseThrow(() -> new ApiException(ErrorCode.SIGN_IN_CHOICE_INVALID,
                        "This choice has expired or was already used. Show the sign-in options again."));
        Account account = accounts.get(accountId);
        return approval.start(new StartLogin(account.loginName(), device, clientId, java.util.Set.of(), ip, null,
                null, null));
    }

    @Scheduled(fixedDelayString = "PT10M")
    void deleteExpired() {
        store.deleteExpired(clock.instant().minus(Duration.ofHours(1)));
    }

    private static String initial(Account account) {
        return account.displayName().substring(0, account.displayName().offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT);
    }

    private static String hash(String handle) {
        return Hashing.sha256Hex(handle);
    }
}
