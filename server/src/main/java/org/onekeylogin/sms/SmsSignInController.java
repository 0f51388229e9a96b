package org.onekeylogin.sms;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.PhoneNumber;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.signin.SignInProperties;
import org.onekeylogin.signin.SignInResponse;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.token.Scopes;
import org.onekeylogin.token.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/sign-in/sms-code} asks for a code; {@code POST /api/v1/sign-in/sms}
 * signs in with it.
 */
@RestController
class SmsSignInController {

    /** Served without an access token. */
    @Bean
    static OpenApiEndpoints smsSignInIsOpen() {
        return OpenApiEndpoints.post("/api/v1/sign-in/sms-code", "/api/v1/sign-in/sms");
    }

    private final SmsCodes codes;

    private final TokenIssuer tokens;

    private final SignInProperties signIn;

    SmsSignInController(SmsCodes codes, TokenIssuer tokens, SignInProperties signIn) {
        this.codes = codes;
        this.tokens = tokens;
        this.signIn = signIn;
    }

    record CodeRequest(String phoneNumber, DeviceDescription device) {
        CodeRequest {
            if (phoneNumber == null || phoneNumber.isBlank()) {
                throw ApiException.invalid("phone_number", "Type the phone number.");
            }
            phoneNumber = PhoneNumber.normalize(phoneNumber, "phone_number");
            device = DeviceDescription.required(device);
        }
    }

    record VerifyRequest(String phoneNumber, String code, DeviceDescription device, @Nullable String clientId,
            @Nullable String scope) {
        VerifyRequest {
            if (phoneNumber == null || phoneNumber.isBlank()) {
                throw ApiException.invalid("phone_number", "Type the phone number.");
            }
            phoneNumber = PhoneNumber.normalize(phoneNumber, "phone_number");
            if (code == null || !code.strip().matches("\\d{6}")) {
                throw ApiException.invalid("code", "The code has six digits.");
            }
            device = DeviceDescription.required(device);
            if (scope != null && scope.length() > 200) {
                throw ApiException.invalid("scope", "The scope is at most 200 characters.");
            }
        }
    }

    @PostMapping("/api/v1/sign-in/sms-code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SmsCodes.CodeRequested request(@RequestBody CodeRequest request, HttpServletRequest http) {
        return codes.request(request.phoneNumber(), request.device(), ClientAddress.of(http));
    }

    @PostMapping("/api/v1/sign-in/sms")
    SignInResponse verify(@RequestBody VerifyRequest request, HttpServletRequest http) {
        String clientId = tokens.deviceClientId(request.clientId(), signIn.defaultClientId());
        Set<String> scopes = Scopes.parse(request.scope());
        return SignInResponse.of(codes.verify(request.phoneNumber(), request.code(), request.device(), clientId, scopes,
                ClientAddress.of(http)));
    }

}
