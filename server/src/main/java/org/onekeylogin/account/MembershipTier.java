package org.onekeylogin.account;

/**
 * The account's asset status; a higher tier ranks first among otherwise equal
 * recommendations.
 */
public enum MembershipTier {

    FREE, VIP, SVIP

}
