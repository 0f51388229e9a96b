package org.onekeylogin.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.network.internal.NetworkKeys;
import org.onekeylogin.network.internal.NetworkStore;
import org.springframework.stereotype.Service;

/**
 * Records what devices report about their networks and answers the questions
 * recommendation asks: is this a home network (with reasons), how live is each account
 * here, which accounts have a phone here now.
 */
@Service
public class NetworkEnvironments {

    private final NetworkKeys keys;

    private final NetworkStore store;

    private final NetworkProperties properties;

    private final Clock clock;

    private final HomeNetworkRule homeNetworkRule;

    private final Liveness liveness;

    public NetworkEnvironments(NetworkKeys keys, NetworkStore store, NetworkProperties properties, Clock clock) {
        this.keys = keys;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.homeNetworkRule = HomeNetworkRule.of(properties);
        this.liveness = new Liveness(properties.livenessHalfLife());
    }

    /**
     * The same records kept on another clock: replays past activity (the demo household's
     * weeks at home, an import from an earlier system) through the same rules as live
     * reports.
     */
    public NetworkEnvironments at(Clock past) {
        return new NetworkEnvironments(keys, store, properties, past);
    }

    /** Hashes a report into the network's id; records nothing, so anyone may ask. */
    public ObservedNetwork identify(NetworkReport report) {
        return new ObservedNetwork(keys.hash(report.identity()), report.security());
    }

    /**
     * Records that a signed-in device is on this network, reached from {@code ip}. Only
     * authenticated activity (sign-ins, heartbeats of signed-in devices) may build a
     * network's history: an anonymous report must never vouch for its own address.
     */
    public void seen(ObservedNetwork network, @Nullable String ip) {
        Instant now = clock.instant();
        store.upsertEnv(network.id(), network.security().name(), now);
        if (ip != null) {
            store.seenAddress(network.id(), keys.hash(prefix(ip)), now);
        }
    }

    /** A device reports where it is: presence for the recommendation's boost. */
    public void present(String deviceId, ObservedNetwork network, @Nullable String accountId, boolean smallScreen) {
        store.presence(deviceId, network.id(), accountId, smallScreen, clock.instant());
    }

    /**
     * A signed-in device's heartbeat: it is present now, and the time since its previous
     * report from the same network (at most one presence window) counts as the account's
     * active time there.
     */
    public void heartbeat(String deviceId, ObservedNetwork network, String accountId, boolean smallScreen) {
        Instant now = clock.instant();
        store.lastReport(deviceId, network.id()).ifPresent(previous -> {
            Duration since = Duration.between(previous, now);
            active(network, accountId,
                    since.compareTo(properties.presenceWindow()) > 0 ? properties.presenceWindow() : since);
        });
        present(deviceId, network, accountId, smallScreen);
    }

    /** A sign-in of the account in this network: one unit of liveness. */
    public void signedIn(ObservedNetwork network, String accountId) {
        addActivity(network.id(), accountId, 1.0, 1, 0);
    }

    /**
     * Active time of the account in this network (from presence reports): one unit per
     * hour.
     */
    public void active(ObservedNetwork network, String accountId, Duration duration) {
        if (!duration.isZero() && !duration.isNegative()) {
            addActivity(network.id(), accountId, duration.toSeconds() / 3600.0, 0, duration.toSeconds());
        }
    }

    /**
     * The secure-network decision for a requester at {@code ip}, with its reasons (see
     * {@link HomeNetworkRule}).
     */
    public Classification classify(String networkId, @Nullable String ip) {
        Optional<NetworkStore.Env> env = store.env(networkId);
        if (env.isEmpty()) {
            return HomeNetworkRule.NEVER_SEEN;
        }
        Instant now = clock.instant();
        return homeNetworkRule.classify(facts(env.get(), ip, now), now);
    }

    /**
     * Whether the account trusts a requester in this network: the account has signed in
     * or been active there within the history window (and was not suppressed there after
     * "that wasn't me"), and the requester's public address has been seen with the
     * network by signed-in devices. A device can claim any network identifiers but not
     * its address, so a report copied elsewhere does not carry the trust with it.
     */
    public boolean trustedBy(String accountId, String networkId, @Nullable String ip) {
        if (ip == null) {
            return false;
        }
        Instant windowStart = clock.instant().minus(properties.window());
        return store.accountActiveSince(networkId, accountId, windowStart)
                && store.addressSeenSince(networkId, keys.hash(prefix(ip)), windowStart);
    }

    /**
     * Everything the home-network rule looks at, read in one place so the rule itself
     * stays a pure function.
     */
    private NetworkFacts facts(NetworkStore.Env env, @Nullable String ip, Instant now) {
        Instant windowStart = now.minus(properties.window());
        return new NetworkFacts(WifiSecurity.valueOf(env.security()), store.accountsActiveSince(env.id(), windowStart),
                env.firstSeenAt(), env.operatorClass() == null ? null : NetworkKind.valueOf(env.operatorClass()),
                ip != null && store.addressSeenSince(env.id(), keys.hash(prefix(ip)), windowStart));
    }

    /** The most live accounts of a network, with their liveness now. */
    public List<Live> mostLive(String networkId, int limit) {
        Instant now = clock.instant();
        return store.mostLive(networkId, limit)
            .stream()
            .map(a -> new Live(a, liveness.scoreAt(a.logLiveness(), now)))
            .toList();
    }

    /** Accounts with one of their phones or tablets in this network now. */
    public List<String> presentSmallScreenAccounts(String networkId) {
        return store.presentSmallScreenAccounts(networkId, clock.instant().minus(properties.presenceWindow()));
    }

    public void outcome(String networkId, String accountId, String outcome) {
        store.outcome(networkId, accountId, outcome);
    }

    public void suppress(String networkId, String accountId, boolean suppressed) {
        store.suppress(networkId, accountId, suppressed);
    }

    public void markByOperator(String networkId, @Nullable NetworkKind kind) {
        store.markOperatorClass(networkId, kind == null ? null : kind.name());
    }

    /** An account's activity in a network and its decayed liveness score now. */
    public record Live(AccountActivity activity, double score) {
    }

    private void addActivity(String networkId, String accountId, double weight, int signIns, long activeSeconds) {
        Instant now = clock.instant();
        store.addActivity(networkId, accountId, liveness.logWeight(weight, now), signIns, activeSeconds, now,
                now.minus(properties.window()));
    }

    /** IPv4 /24 or IPv6 /56, as text. */
    static String prefix(String ip) {
        try {
            byte[] address = InetAddress.getByName(ip).getAddress();
            int keep = address.length == 4 ? 3 : 7;
            var sb = new StringBuilder(address.length == 4 ? "v4:" : "v6:");
            for (int i = 0; i < keep; i++) {
                sb.append(address[i] & 0xff).append('.');
            }
            return sb.toString();
        }
        catch (UnknownHostException e) {
            return "unknown";
        }
    }

}
