package org.onekeylogin.system;

/**
 * Every random secret (ids of requests, handles, codes) comes from here, so one
 * implementation decides where the randomness comes from.
 */
public interface SecretGenerator {

    /** A URL-safe random string carrying {@code bits} bits of entropy. */
    String token(int bits);

    /** A string of {@code length} random decimal digits, leading zeros allowed. */
    String digits(int length);

    /** A string of {@code length} characters drawn uniformly from {@code alphabet}. */
    String fromAlphabet(String alphabet, int length);

}
