/**
 * QR-code sign-in: the OAuth 2.0 device authorization grant (RFC 8628) as a TV shows it.
 * The TV asks for a device code and shows the user code with a QR code of the
 * verification URI; a phone that is already signed in looks the code up, sees which
 * device asks, and approves (signing that device into the phone's account) or denies. The
 * {@code /link} page is where a phone's camera lands when it scans the code.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.devicecode;
