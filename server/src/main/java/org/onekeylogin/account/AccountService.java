package org.onekeylogin.account;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.onekeylogin.account.internal.AccountPasswords;
import org.onekeylogin.account.internal.AccountRepository;
import org.onekeylogin.account.internal.AccountRepository.StoredAccount;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.InsertOnce;
import org.onekeylogin.system.TransactionReads;
import org.springframework.stereotype.Service;

/**
 * The public face of the account feature: registration, look-up, password checks,
 * consents and bindings.
 */
@Service
public class AccountService {

    private final AccountRepository accounts;

    private final AccountPasswords passwords;

    private final InsertOnce inserts;

    private final Clock clock;

    /** Accounts read in the current transaction, by id. */
    private final TransactionReads<String, Account> read = new TransactionReads<>();

    /**
     * Compared against when the account does not exist, so both answers cost the same
     * time. Made on the hashing threads while the service starts, instead of holding up
     * the start for a bcrypt.
     */
    private final CompletableFuture<String> unknownAccountHash;

    public AccountService(AccountRepository accounts, AccountPasswords passwords, InsertOnce inserts, Clock clock) {
        this.inserts = inserts;
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
        this.unknownAccountHash = passwords.hashInBackground(UUID.randomUUID().toString());
    }

    public Account register(Registration registration) {
        if (accounts.loginNameExists(registration.loginName())) {
            throw new ApiException(ErrorCode.LOGIN_NAME_TAKEN, "That login name is taken.",
                    Map.of("field", "login_name"));
        }
        if (registration.phoneNumber() != null && accounts.phoneNumberExists(registration.phoneNumber())) {
            throw new ApiException(ErrorCode.PHONE_NUMBER_TAKEN, "That phone number already belongs to an account.",
                    Map.of("field", "phone_number"));
        }
        var account = new Account(UUID.randomUUID().toString(), registration.loginName(), registration.phoneNumber(),
                registration.displayName(), AccountStatus.ACTIVE, MembershipTier.FREE, 1, RiskProfile.NONE,
                Consents.DEFAULTS, clock.instant(), Appearance.NONE);
        String hash = passwords.hash(registration.password());
        // under a savepoint: losing the race inside a caller's transaction must not abort
        // it
        if (!inserts.insert(() -> accounts.insert(account, hash))) {
            throw new ApiException(ErrorCode.LOGIN_NAME_TAKEN, "That login name or phone number is taken.");
        }
        return account;
    }

    /** The account; read once per transaction. */
    public Optional<Account> find(String id) {
        return read.read(id, key -> accounts.findById(key).map(StoredAccount::account));
    }

    public Account get(String id) {
        return find(id).orElseThrow(() -> new ApiException(ErrorCode.ACCOUNT_NOT_FOUND, "No such account."));
    }

    /** Finds an account by what a person types: a login name or a phone number. */
    public Optional<Account> findByIdentifier(String identifier) {
        Optional<Account> found = findStored(identifier).map(StoredAccount::account);
        found.ifPresent(account -> read.remember(account.id(), account));
        return found;
    }

    /**
     * Checks a password. Unknown account and wrong password give the same answer, in
     * about the same time, so the answer does not reveal which accounts exist.
     */
    public Account authenticate(String identifier, String password) {
        Optional<StoredAccount> stored = findStored(identifier);
        String hash = stored.map(StoredAccount::passwordHash).orElseGet(unknownAccountHash::join);
        boolean matches = passwords.matches(password, hash);
        if (stored.isEmpty() || !matches) {
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "The account or password is not right.");
        }
        Account account = stored.get().account();
        if (!account.isActive()) {
            throw new ApiException(ErrorCode.ACCOUNT_NOT_ACTIVE,
                    "This account is " + account.status().name().toLowerCase(Locale.ROOT) + " and cannot sign in.");
        }
        return account;
    }

    public Account updateConsents(String accountId, Consents consents) {
        read.forget(accountId);
        accounts.updateConsents(accountId, consents, clock.instant());
        return get(accountId);
    }

    /**
     * Sets how the account appears on its home network's screens (validated by
     * {@link Appearance}).
     */
    public Account updateAppearance(String accountId, Appearance appearance) {
        read.forget(accountId);
        accounts.updateAppearance(accountId, appearance, clock.instant());
        return get(accountId);
    }

    public Account updateStanding(String accountId, AccountStanding standing) {
        get(accountId);
        read.forget(accountId);
        accounts.updateStanding(accountId, standing, clock.instant());
        return get(accountId);
    }

    /**
     * Lets the devices of {@code controllerAccountId} approve sign-ins of
     * {@code accountId}: they become its control terminals. Idempotent under races: the
     * primary key on the pair decides, and true is returned only to the call that created
     * the binding.
     */
    public boolean bind(String accountId, String controllerAccountId) {
        if (accountId.equals(controllerAccountId)) {
            throw ApiException.invalid("controller", "An account cannot be bound to itself.");
        }
        get(accountId);
        get(controllerAccountId);
        var binding = new Binding(UUID.randomUUID().toString(), accountId, controllerAccountId, clock.instant());
        return inserts.insert(() -> accounts.insertBinding(binding));
    }

    /**
     * The binding of {@code accountId} to {@code controllerAccountId}, if there is one.
     */
    public Optional<Binding> binding(String accountId, String controllerAccountId) {
        return accounts.findBinding(accountId, controllerAccountId);
    }

    public Optional<Binding> findBinding(String id) {
        return accounts.findBinding(id);
    }

    /**
     * Every binding the account is a side of: the accounts that control it and those it
     * controls, oldest first.
     */
    public List<Binding> bindingsOf(String accountId) {
        return accounts.bindingsOf(accountId);
    }

    /**
     * Removes the binding; true only for the call that removed it, so what follows a
     * removal (its audit entry, its notices) happens once however many ask at once.
     */
    public boolean unbind(String bindingId) {
        return accounts.deleteBinding(bindingId);
    }

    /** Accounts whose devices may approve sign-ins of {@code accountId}. */
    public List<String> controllersOf(String accountId) {
        return accounts.controllersOf(accountId);
    }

    /**
     * Accounts that the devices of {@code controllerAccountId} control (e.g. a parent's
     * children).
     */
    public List<String> controlledBy(String controllerAccountId) {
        return accounts.controlledBy(controllerAccountId);
    }

    /** Whether {@code actorAccountId} is the account itself or one that controls it. */
    public boolean mayManage(String actorAccountId, String accountId) {
        return actorAccountId.equals(accountId) || accounts.bindingExists(accountId, actorAccountId);
    }

    /**
     * {@link #mayManage}, with the binding's row locked until the caller's transaction
     * ends: a decision taken on the strength of a binding and the binding's removal
     * happen one after the other, so no approval gets through once a removal has
     * answered.
     */
    public boolean mayManageLocked(String actorAccountId, String accountId) {
        return actorAccountId.equals(accountId) || accounts.lockBinding(accountId, actorAccountId);
    }

    private Optional<StoredAccount> findStored(String identifier) {
        if (identifier == null || identifier.isBlank() || identifier.length() > 64) {
            return Optional.empty();
        }
        String trimmed = identifier.trim();
        Optional<StoredAccount> byName = accounts.findByLoginName(trimmed.toLowerCase(Locale.ROOT));
        if (byName.isPresent() || !PhoneNumber.looksLikeOne(trimmed)) {
            return byName;
        }
        return accounts.findByPhoneNumber(PhoneNumber.normalize(trimmed, "login"));
    }

}
