/**
 * Phone number + SMS code sign-in (a fallback of the sign-in screen for people without
 * the app), and the SMS gateway every feature sends texts through: an outbox table
 * (development and tests) or a signed HTTP webhook to the company's SMS provider.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.sms;
