/**
 * Same-network account recommendation: on a secure home network, the accounts that live
 * there are filtered (inactive, long unused here, risky, opted out, refused by their
 * owner here) and ranked by liveness, membership tier, user level, a phone of theirs
 * being present now, and past outcomes. A device then signs in to the one a person picks,
 * without a password, and the owner is told.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.recommendation;
