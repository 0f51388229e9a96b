package org.onekeylogin.network;

/**
 * A reported network after hashing: its id (a keyed hash) and a label safe to show and
 * store.
 */
public record ObservedNetwork(String id, WifiSecurity security) {

    public String label() {
        return "Wi-Fi (" + security.wireName() + ")";
    }
}
