package org.onekeylogin.signinscreen;

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
import org.onekeylogin.approval.RequesterBlocks;
import org.onekeylogin.approval.StartLogin;
import java.util.HashSet;
import java.util.Set;
import org.onekeylogin.device.AccountOnDevice;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.ScreenClass;
import org.onekeylogin.device.SessionOpened;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.network.Classification;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.ObservedNetwork;
import org.onekeylogin.recommendation.Candidate;
import org.onekeylogin.recommendation.Recommendations;
import org.onekeylogin.signin.DeviceSignIn;
import org.onekeylogin.signinscreen.internal.SignInChoiceStore;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.SecretGenerator;
import org.springframework.context.event.EventListener;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a device's sign-in options and turns a pick into a phone approval. Handles carry
 * 128 random bits, are stored hashed, expire after ten minutes, work once, and only for
 * the device they were offered to.
 */
@Service
public class SignInChoices {

    static final int MAX_ACCOUNTS = 6;
    static final Duration HANDLE_LIFETIME = Duration.ofMinutes(10);

    private final SignInChoiceStore store;

    private final AccountService accounts;

    private final PhoneApproval approval;

    private final SecretGenerator secrets;

    private final Recommendations recommendations;

    private final NetworkEnvironments networks;

    private final DeviceSignIn signIn;

    private final DeviceSessionService sessions;

    private final RequesterBlocks blocks;

    private final Clock clock;

    public SignInChoices(SignInChoiceStore store, AccountService accounts, PhoneApproval approval,
            SecretGenerator secrets, Recommendations recommendations, NetworkEnvironments networks, DeviceSignIn signIn,
            DeviceSessionService sessions, RequesterBlocks blocks, Clock clock) {
        this.sessions = sessions;
        this.blocks = blocks;
        this.recommendations = recommendations;
        this.networks = networks;
        this.signIn = signIn;
        this.store = store;
        this.accounts = accounts;
        this.approval = approval;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * The accounts this device may offer: its history, then recommendations for its
     * network. An account whose owner said "that wasn't me" about this device, or that
     * blocks this requester now, is offered by neither, so the screen cannot be used to
     * prompt or sign in to it again.
     */
    public SignInOptions optionsFor(DeviceDescription device, @Nullable ObservedNetwork network, @Nullable String ip) {
        Instant now = clock.instant();
        String networkId = network == null ? null : network.id();
        var requester = new RequesterBlocks.Requester(device.id(), ip, networkId);
        List<SignInOptions.OfferedAccount> offered = new ArrayList<>();
        Set<String> inHistory = new HashSet<>();
        List<Account> history = new ArrayList<>();
        Set<String> historySignedIn = new HashSet<>();
        for (AccountOnDevice entry : sessions.accountsSignedInOn(device.id(), MAX_ACCOUNTS)) {
            accounts.find(entry.accountId()).filter(Account::isActive).ifPresent(account -> {
                inHistory.add(account.id());
                if (!blocks.isBlocked(account.id(), requester)) {
                    history.add(account);
                    if (entry.signedIn()) {
                        historySignedIn.add(account.id());
                    }
                }
            });
        }
        Classification classification = null;
        List<Candidate> candidates = List.of();
        if (network != null) {
            networks.present(device.id(), network, null, device.screenClass() == ScreenClass.SMALL);
            Recommendations.Result result = recommendations.recommend(network.id(), ip, inHistory);
            classification = result.classification();
            candidates = result.candidates()
                .stream()
                .filter(c -> !blocks.isBlocked(c.account().id(), requester))
                .toList();
        }
        // a nickname is for the screens of the account's own home only: a home network
        // where it lives (recommendations are such accounts), not a visitor's history
        // tile
        boolean home = classification != null && classification.isHome();
        for (Account account : history) {
            boolean livesHere = home && networkId != null && networks.trustedBy(account.id(), networkId, ip);
            offered.add(offer(account, SignInOptions.Source.HISTORY, device, networkId, now,
                    historySignedIn.contains(account.id()), false, livesHere));
        }
        boolean onlyOne = candidates.size() == 1;
        for (Candidate c : candidates) {
            boolean auto = onlyOne && c.phonePresent() && c.account().consents().mayAutoSignIn();
            offered.add(
                    offer(c.account(), SignInOptions.Source.RECOMMENDATION, device, networkId, now, false, auto, home));
        }
        return new SignInOptions(offered, SignInOptions.DEFAULT_METHODS, classification);
    }

    private SignInOptions.OfferedAccount offer(Account account, SignInOptions.Source source, DeviceDescription device,
            @Nullable String networkId, Instant now, boolean signedIn, boolean autoSignIn, boolean home) {
        String handle = secrets.token(128);
        store.offer(hash(handle), device.id(), account.id(), source.wireName(), networkId, now,
                now.plus(HANDLE_LIFETIME));
        return new SignInOptions.OfferedAccount(handle, source, MaskedName.of(account.loginName()),
                home ? account.appearance().nickname() : null, account.avatarColor(), initial(account),
                account.tier().name().toLowerCase(Locale.ROOT), signedIn, autoSignIn);
    }

    /**
     * Signs a device in to a recommended account, without a password (seed 002): the
     * handle must have been offered to this device in this network. The session's
     * {@code amr} says so, for services that want a step-up. One transaction: when the
     * sign-in fails, the handle still works and the pick is not counted.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public DeviceSignIn.SignedIn signInRecommended(String handle, DeviceDescription device, ObservedNetwork network,
            String clientId, @Nullable String ip) {
        SignInChoiceStore.Choice choice = store.redeem(hash(handle), device.id(), clock.instant())
            .filter(c -> SignInOptions.Source.RECOMMENDATION.wireName().equals(c.source()))
            .filter(c -> network.id().equals(c.networkId()))
            .orElseThrow(SignInChoices::invalidChoice);
        Account account = accounts.find(choice.accountId())
            .filter(Account::isActive)
            .orElseThrow(SignInChoices::invalidChoice);
        // a handle offered before the owner said "that wasn't me" must not sign in after
        // it
        blocks.refuseIfBlocked(account.id(), new RequesterBlocks.Requester(device.id(), ip, network.id()));
        networks.outcome(network.id(), account.id(), "picked");
        return signIn.signIn(account, device, clientId, SignInMethod.RECOMMENDATION, Set.of(), ip, network);
    }

    /**
     * Picking an offered account asks that account's phones to approve, as in
     * phone-approved sign-in.
     */
    public LoginStarted pick(String handle, DeviceDescription device, String clientId, @Nullable String ip) {
        SignInChoiceStore.Choice choice = store.redeem(hash(handle), device.id(), clock.instant())
            .filter(c -> SignInOptions.Source.HISTORY.wireName().equals(c.source()))
            .orElseThrow(SignInChoices::invalidChoice);
        Account account = accounts.get(choice.accountId());
        // the network the screen reported travels with the request, so "that wasn't me"
        // can block it too
        return approval.start(new StartLogin(account.loginName(), device, clientId, Set.of(), ip, null, null, null,
                choice.networkId()));
    }

    /**
     * A device signed in (by any method): the recommendations it was shown and did not
     * pick were ignored, which ranks those accounts a little lower there next time. Their
     * handles stop working.
     */
    @EventListener
    void on(SessionOpened opened) {
        for (SignInChoiceStore.Passed passed : store.closeOpenRecommendations(opened.session().device().id(),
                clock.instant())) {
            if (!passed.accountId().equals(opened.session().accountId())) {
                networks.outcome(passed.networkId(), passed.accountId(), "ignored");
            }
        }
    }

    private static ApiException invalidChoice() {
        return new ApiException(ErrorCode.SIGN_IN_CHOICE_INVALID,
                "This choice has expired, was already used, or was offered elsewhere. Show the sign-in options again.");
    }

    @Scheduled(fixedDelayString = "PT10M")
    @SchedulerLock(name = "sign-in-choices-cleanup", lockAtLeastFor = "PT5M")
    void deleteExpired() {
        store.deleteExpired(clock.instant().minus(Duration.ofHours(1)));
    }

    private static String initial(Account account) {
        return account.displayName()
            .substring(0, account.displayName().offsetByCodePoints(0, 1))
            .toUpperCase(Locale.ROOT);
    }

    private static String hash(String handle) {
        return Hashing.sha256Hex(handle);
    }

}
