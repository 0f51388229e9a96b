package org.onekeylogin.network;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/v1/operator/networks/kind}: an operator marks a network as an office or
 * public place (no recommendations there, whatever its history says), or clears the mark
 * with {@code "kind": null}.
 */
@RestController
class NetworkOperatorController {

    private final NetworkEnvironments networks;

    NetworkOperatorController(NetworkEnvironments networks) {
        this.networks = networks;
    }

    record Mark(NetworkReport network, @Nullable NetworkKind kind) {
        Mark {
            if (network == null) {
                throw ApiException.invalid("network", "Describe the network by its BSSID or gateway MAC and security.");
            }
            if (kind == NetworkKind.UNKNOWN) {
                throw ApiException.invalid("kind", "Mark a network as home, office or public, or send null to clear.");
            }
        }
    }

    @PutMapping("/api/v1/operator/networks/kind")
    Classification mark(@RequestBody Mark mark) {
        ObservedNetwork network = networks.identify(mark.network());
        networks.seen(network, null);
        networks.markByOperator(network.id(), mark.kind());
        return networks.classify(network.id(), null);
    }

}
