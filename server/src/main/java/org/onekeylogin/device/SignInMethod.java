package org.onekeylogin.device;

import java.util.List;
import org.onekeylogin.system.WireEnum;

/**
 * How a session was created. Carried into the tokens' {@code amr} and {@code acr} claims
 * so that services can ask for a step-up before payments or account changes when the
 * sign-in did not involve a secret.
 *
 * <p>
 * {@code amr} (OpenID Connect Core section 2, values from RFC 8176 where one fits) names
 * the proof: {@code pwd} a password, {@code sms} a code texted to the account's number,
 * {@code mca} (multiple-channel authentication) an approval on the account's own
 * signed-in phone, a second channel. Where the RFC 8176 value alone does not tell the
 * method, OneKey's own value follows it: {@code phone_approval} (the phone approved a
 * request, matching the code the device shows) or {@code qr_code} (the phone scanned the
 * device's QR code). {@code home_network} and {@code device_history} are OneKey's own
 * values for sign-ins without any secret: an account recommended on its home network, a
 * device signing in again from its history.
 *
 * <p>
 * {@code acr} says what the sign-in is worth: {@link #ACR_PHONE} the account's phone
 * approved it, {@link #ACR_SECRET} the person gave one secret (password or SMS code),
 * {@link #ACR_NONE} ({@code "0"}, OpenID Connect Core's value for an authentication below
 * ISO/IEC 29115 level 1) no secret and no approval at all.
 */
public enum SignInMethod implements WireEnum {

    PASSWORD(SignInMethod.ACR_SECRET, "pwd"), PHONE_APPROVAL(SignInMethod.ACR_PHONE, "mca", "phone_approval"),
    RECOMMENDATION(SignInMethod.ACR_NONE, "home_network"), QR_CODE(SignInMethod.ACR_PHONE, "mca", "qr_code"),
    SMS_CODE(SignInMethod.ACR_SECRET, "sms"), DEVICE_HISTORY(SignInMethod.ACR_NONE, "device_history");

    /** {@code acr}: approved on the account's own signed-in phone. */
    public static final String ACR_PHONE = "urn:onekey:acr:phone";

    /** {@code acr}: one secret, a password or a code sent by SMS. */
    public static final String ACR_SECRET = "urn:onekey:acr:secret";

    /** {@code acr}: neither a secret nor an approval (OpenID Connect Core's level 0). */
    public static final String ACR_NONE = "0";

    private final String acr;

    private final List<String> amr;

    SignInMethod(String acr, String... amr) {
        this.acr = acr;
        this.amr = List.of(amr);
    }

    /**
     * The authentication method references, RFC 8176's first (see the type's
     * documentation).
     */
    public List<String> amr() {
        return amr;
    }

    /** The authentication context class reference. */
    public String acr() {
        return acr;
    }

    /** Every {@code acr} value, strongest first. */
    public static List<String> acrValues() {
        return List.of(ACR_PHONE, ACR_SECRET, ACR_NONE);
    }

}
