package org.onekeylogin.recommendation;

import org.onekeylogin.account.Account;

/**
 * A recommended account with its score and whether one of its phones is in the network
 * now.
 */
public record Candidate(Account account, double score, double liveness, boolean phonePresent) {
}
