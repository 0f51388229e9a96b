/**
 * The audit log: one row for every registration, sign-in, failed sign-in, sign-out,
 * approval, denial and refusal, naming the account, device and session involved but never
 * a secret, token or code.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.audit;
