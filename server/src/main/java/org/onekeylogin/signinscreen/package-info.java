/**
 * The sign-in screen of a device (the fallback order of the same-network recommendation
 * idea): accounts that signed in on this device before (kept on the server by device id,
 * so a factory reset loses nothing), then the recommended accounts of its home network,
 * then the default methods (QR code, phone number + SMS code). Accounts are offered
 * through short-lived single-use handles bound to the device; picking a history account
 * asks that account's phones (phone approval), never for a password.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.signinscreen;
