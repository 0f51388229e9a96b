/**
 * Network environments (seed 002): what devices report about the Wi-Fi they are on, kept only as keyed hashes;
 * which devices are present in which network now; how live each account is in each network (cumulative activity,
 * decayed, claim 8); and whether a network is a secure home network (claim 6), with the reasons.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.network;
