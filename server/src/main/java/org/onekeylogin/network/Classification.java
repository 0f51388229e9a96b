package org.onekeylogin.network;

import java.util.List;

/**
 * A network's kind and the reasons for it, so the decision can be explained and audited.
 */
public record Classification(NetworkKind kind, List<String> reasons) {

    public Classification {
        reasons = List.copyOf(reasons);
    }

    public boolean isHome() {
        return kind == NetworkKind.HOME;
    }
}
