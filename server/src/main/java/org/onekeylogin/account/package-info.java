/**
 * Accounts: login name, phone number, password, status, membership tier and user level,
 * the risk fields that keep an account out of recommendations, the owner's consent
 * switches, and bindings (an account may be controlled by the phones of the account it is
 * bound to, e.g. a child's account bound to a parent's: those phones approve its
 * sign-ins).
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.account;
