package org.onekeylogin.network;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The home-network rule, as a pure function of a network's facts: an operator's mark
 * wins; an open Wi-Fi is public; an enterprise Wi-Fi, or one where more than
 * {@code maxHomeAccounts} accounts were active in the window, is an office; a personal
 * Wi-Fi is a home only once it has {@code minHomeHistory} of history and the requester's
 * public address was seen with it, since a device can claim any BSSID but not the address
 * it comes from. Each answer lists the reasons that led to it, in the order they were
 * checked.
 */
record HomeNetworkRule(int maxHomeAccounts, Duration minHomeHistory) {

    /** The answer for a network no signed-in device has ever reported. */
    static final Classification NEVER_SEEN = new Classification(NetworkKind.UNKNOWN, List.of("network_never_seen"));

    HomeNetworkRule {
        if (maxHomeAccounts < 0) {
            throw new IllegalArgumentException("maxHomeAccounts cannot be negative");
        }
        if (minHomeHistory == null || minHomeHistory.isNegative()) {
            throw new IllegalArgumentException("minHomeHistory cannot be negative");
        }
    }

    static HomeNetworkRule of(NetworkProperties properties) {
        return new HomeNetworkRule(properties.maxHomeAccounts(), properties.minHomeHistory());
    }

    Classification classify(NetworkFacts facts, Instant now) {
        if (facts.operatorKind() != null) {
            return new Classification(facts.operatorKind(), List.of("marked_by_operator"));
        }
        if (facts.security() == WifiSecurity.OPEN) {
            return new Classification(NetworkKind.PUBLIC, List.of("open_wifi"));
        }
        if (facts.security() == WifiSecurity.ENTERPRISE) {
            return new Classification(NetworkKind.OFFICE, List.of("enterprise_wifi"));
        }
        if (facts.accountsActive() > maxHomeAccounts) {
            return new Classification(NetworkKind.OFFICE, List.of("many_accounts:" + facts.accountsActive()));
        }
        List<String> reasons = new ArrayList<>();
        reasons.add("personal_wifi");
        reasons.add("accounts:" + facts.accountsActive());
        if (facts.firstSeenAt().isAfter(now.minus(minHomeHistory))) {
            reasons.add("too_new");
            return new Classification(NetworkKind.UNKNOWN, reasons);
        }
        reasons.add("history_ok");
        if (!facts.addressSeen()) {
            reasons.add("address_not_seen_with_network");
            return new Classification(NetworkKind.UNKNOWN, reasons);
        }
        reasons.add("address_consistent");
        return new Classification(NetworkKind.HOME, reasons);
    }
}
