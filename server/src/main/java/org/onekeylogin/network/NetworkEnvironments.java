package org.onekeylogin.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.network.internal.NetworkKeys;
import org.onekeylogin.network.internal.NetworkStore;
import org.springframework.stereotype.Service;

/**
 * Records what devices report about their networks and answers the questions recommendation asks: is this a
 * home network (with reasons), how live is each account here, which accounts have a phone here now.
 */
@Service
public class NetworkEnvironments {

    private final NetworkKeys keys;
    private final NetworkStore store;
    private final NetworkProperties properties;
    private final Clock clock;

    public NetworkEnvironments(NetworkKeys keys, NetworkStore store, NetworkProperties properties, Clock clock) {
        this.keys = keys;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The same records kept on another clock: replays past activity (the demo household's weeks at home, an import
     * from an earlier system) through the same rules as live reports.
     */
    public NetworkEnvironments at(Clock past) {
        return new NetworkEnvironments(keys, store, properties, past);
    }

    /** Hashes a report into the network's id; records nothing, so anyone may ask. */
    public ObservedNetwork identify(NetworkReport report) {
        return new ObservedNetwork(keys.hash(report.identity()), report.security());
    }

    /**
     * Records that a signed-in device is on this network, reached from {@code ip}. Only authenticated activity
     * (sign-ins, heartbeats of signed-in devices) may build a network's history: an anonymous report must never
     * vouch for its own address.
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
     * A signed-in device's heartbeat: it is present now, and the time since its previous report from the same
     * network (at most one presence window) counts as the account's active time there.
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

    /** Active time of the account in this network (from presence reports): one unit per hour. */
    public void active(ObservedNetwork network, String accountId, Duration duration) {
        if (!duration.isZero() && !duration.isNegative()) {
            addActivity(network.id(), accountId, duration.toSeconds() / 3600.0, 0, duration.toSeconds());
        }
    }

    /** The secure-network decision (seed 002 claim 6) for a requester at {@code ip}, with its reasons. */
    public Classification classify(String networkId, @Nullable String ip) {
        Instant now = clock.instant();
        Optional<NetworkStore.Env> env = store.env(networkId);
        if (env.isEmpty()) {
            return new Classification(NetworkKind.UNKNOWN, List.of("network_never_seen"));
        }
        if (env.get().operatorClass() != null) {
            return new Classification(NetworkKind.valueOf(env.get().operatorClass()), List.of("marked_by_operator"));
        }
        List<String> reasons = new ArrayList<>();
        WifiSecurity security = WifiSecurity.valueOf(env.get().security());
        int accounts = store.accountsActiveSince(networkId, now.minus(properties.window()));
        if (security == WifiSecurity.OPEN) {
            return new Classification(NetworkKind.PUBLIC, List.of("open_wifi"));
        }
        if (security == WifiSecurity.ENTERPRISE) {
            return new Classification(NetworkKind.OFFICE, List.of("enterprise_wifi"));
        }
        if (accounts > properties.maxHomeAccounts()) {
            return new Classification(NetworkKind.OFFICE, List.of("many_accounts:" + accounts));
        }
        reasons.add("personal_wifi");
        reasons.add("accounts:" + accounts);
        if (env.get().firstSeenAt().isAfter(now.minus(properties.minHomeHistory()))) {
            reasons.add("too_new");
            return new Classification(NetworkKind.UNKNOWN, reasons);
        }
        reasons.add("history_ok");
        if (ip == null || !store.addressSeenSince(networkId, keys.hash(prefix(ip)), now.minus(properties.window()))) {
            reasons.add("address_not_seen_with_network");
            return new Classification(NetworkKind.UNKNOWN, reasons);
        }
        reasons.add("address_consistent");
        return new Classification(NetworkKind.HOME, reasons);
    }

    /** The most live accounts of a network, with their liveness now. */
    public List<Live> mostLive(String networkId, int limit) {
        double nowExponent = clock.instant().getEpochSecond() / tau();
        return store.mostLive(networkId, limit).stream()
                .map(a -> new Live(a, Math.exp(a.logLiveness() - nowExponent))).toList();
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
        double logWeight = Math.log(weight) + now.getEpochSecond() / tau();
        store.addActivity(networkId, accountId, logWeight, signIns, activeSeconds, now, now.minus(properties.window()));
    }

    /** The decay time constant: score halves every half-life. */
    private double tau() {
        return properties.livenessHalfLife().toSeconds() / Math.log(2);
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
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
