package org.onekeylogin.approval;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.approval.internal.LoginRequestRepository;
import org.onekeylogin.approval.internal.LoginRequestRepository.Terminal;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.push.PushService;
import org.onekeylogin.push.Wake;
import org.onekeylogin.system.Caller;
import org.springframework.stereotype.Component;

/**
 * The control terminals of phone-approved sign-in: the phones and tablets signed in to
 * the account, then those of the accounts it is bound to (a parent's phone approves a
 * child's TV), never the device that asks. They are asked with a {@code login_request}
 * push event, and told with {@code login_request_closed} when the request was decided or
 * expired, so the prompt leaves every phone but the one that decided.
 */
@Component
class ControlTerminals {

    /**
     * A terminal to ask; {@code viaBinding} when it belongs to an account the requested
     * one is bound to.
     */
    record Found(DeviceSession session, boolean viaBinding) {

        /** How the request remembers it was sent here. */
        Terminal row() {
            return new Terminal(session.id(), session.device().id());
        }
    }

    private final LoginRequestRepository requests;

    private final AccountService accounts;

    private final DeviceSessionService sessions;

    private final PushService push;

    private final NetworkEnvironments networks;

    ControlTerminals(LoginRequestRepository requests, AccountService accounts, DeviceSessionService sessions,
            PushService push, NetworkEnvironments networks) {
        this.networks = networks;
        this.requests = requests;
        this.accounts = accounts;
        this.sessions = sessions;
        this.push = push;
    }

    /**
     * The terminals that may approve a sign-in to {@code account} from {@code requester},
     * each once.
     */
    List<Found> of(Account account, DeviceDescription requester) {
        Map<String, Found> found = new LinkedHashMap<>();
        collect(account.id(), false, requester, found);
        for (String controller : accounts.controllersOf(account.id())) {
            collect(controller, true, requester, found);
        }
        return List.copyOf(found.values());
    }

    /** Shows the new request on every terminal it was sent to. */
    void ask(LoginRequest request, Account account, List<Found> terminals) {
        boolean home = fromHome(request, account);
        for (Found terminal : terminals) {
            push.publish(terminal.session().device().id(), terminal.session().id(), "login_request",
                    LoginRequestView.of(request, account, terminal.viaBinding(), terminal.session(), home),
                    Wake.urgent(collapseKey(request), request.expiresAt()));
        }
    }

    /**
     * Tells every terminal of the request but the deciding one (which knows) that it is
     * closed.
     */
    void tellClosed(LoginRequest request, LoginRequestState outcome, @Nullable String deciderSessionId) {
        tellClosed(request, outcome, deciderSessionId, requests.terminals(request.id()));
    }

    /** As {@link #tellClosed}, for a caller that has read the request's terminals. */
    void tellClosed(LoginRequest request, LoginRequestState outcome, @Nullable String deciderSessionId,
            List<Terminal> asked) {
        for (Terminal t : asked) {
            if (!t.sessionId().equals(deciderSessionId)) {
                push.publish(t.deviceId(), t.sessionId(), "login_request_closed",
                        Map.of("request_id", request.id(), "outcome", outcome.wireName()),
                        Wake.replacing(collapseKey(request), request.expiresAt()));
            }
        }
    }

    /**
     * A request's platform pushes share one key, so that a closed request's push replaces
     * its prompt on a phone that has not received it yet.
     */
    private static String collapseKey(LoginRequest request) {
        return "login-" + request.id();
    }

    /**
     * Whether the request was sent to this terminal session and its account may still
     * decide it: only those may. A binding removed since the request went out takes the
     * request away from the former controller's phones. Called inside a decision's
     * transaction, it holds the binding's row lock until the decision commits, so a
     * removal and a decision through that binding happen one after the other.
     */
    boolean wasAsked(LoginRequest request, List<Terminal> asked, Caller caller) {
        return asked.stream().anyMatch(t -> t.sessionId().equals(caller.sessionId()))
                && accounts.mayManageLocked(caller.accountId(), request.accountId());
    }

    /** The open requests this terminal may decide, for a phone that missed the push. */
    List<LoginRequestView> pendingFor(Caller caller, Instant now) {
        List<LoginRequest> open = requests.pendingFor(caller.sessionId(), now)
            .stream()
            .filter(r -> accounts.mayManage(caller.accountId(), r.accountId()))
            .toList();
        if (open.isEmpty()) {
            return List.of();
        }
        DeviceSession terminal = sessions.find(caller.sessionId()).orElseThrow();
        return open.stream().map(r -> {
            Account account = accounts.get(r.accountId());
            return LoginRequestView.of(r, account, !account.id().equals(caller.accountId()), terminal,
                    fromHome(r, account));
        }).toList();
    }

    /**
     * Whether the request came from the account's home: a network it reported that is
     * classified as a home, where the account lives and the requester's address was seen
     * (so a copied network report does not count).
     */
    private boolean fromHome(LoginRequest request, Account account) {
        String networkId = request.networkId();
        return networkId != null && networks.trustedBy(account.id(), networkId, request.ipAddress())
                && networks.classify(networkId, request.ipAddress()).isHome();
    }

    private void collect(String accountId, boolean viaBinding, DeviceDescription requester, Map<String, Found> found) {
        for (DeviceSession s : sessions.activeSmallScreenSessionsOf(accountId)) {
            if (!s.device().id().equals(requester.id())) {
                found.putIfAbsent(s.id(), new Found(s, viaBinding));
            }
        }
    }

}
