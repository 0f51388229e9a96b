/**
 * Signing a device in: the one place where an authenticated account and a described
 * device become a device session with tokens, whatever proved who the person is (a
 * password here; a phone approval, a home-network pick, a QR code or an SMS code in the
 * flows built on it).
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.signin;
