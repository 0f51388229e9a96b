package org.onekeylogin.signin;

/**
 * Which devices an account trusts: one that signed in to it before and that its owner did
 * not disown. Password limits let such a device through a stranger's flood; the feature
 * that remembers disowned devices answers.
 */
public interface KnownDevices {

    boolean isKnown(String accountId, String deviceId);

}
