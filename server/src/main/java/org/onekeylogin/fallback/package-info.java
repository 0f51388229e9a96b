/**
 * The sign-in screen of a device (seed 002 Fig. 7; PRODUCT.md section C): accounts that signed in on this device
 * before (kept on the server by device id, so a reset loses nothing), recommended accounts once they exist, then
 * the default methods (QR code, phone number + SMS code). Accounts are offered through short-lived single-use
 * handles bound to the device; picking one asks that account's phones (phone approval), never for a password.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.fallback;
