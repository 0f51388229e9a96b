/**
 * Network environments: what devices report about the Wi-Fi they are on, kept only as
 * keyed hashes; which devices are present in which network now; how live each account is
 * in each network (cumulative activity, decayed over time); and whether a network is a
 * secure home network, with the reasons.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.network;
