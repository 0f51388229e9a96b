package org.onekeylogin.signinscreen;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.approval.LoginStarted;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.signin.SignInProperties;
import org.onekeylogin.signin.SignInResponse;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.RateLimiter;
import org.onekeylogin.token.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/sign-in-options} and {@code POST /api/v1/sign-in-options/pick}, for
 * devices not signed in.
 */
@RestController
class SignInOptionsController {

    /** Served without an access token. */
    @Bean
    static OpenApiEndpoints signInScreenIsOpen() {
        return OpenApiEndpoints.post("/api/v1/sign-in-options", "/api/v1/sign-in-options/pick",
                "/api/v1/sign-in/recommended");
    }

    private final SignInChoices choices;

    private final TokenIssuer tokens;

    private final SignInProperties signIn;

    private final RateLimiter limits;

    private final NetworkEnvironments networks;

    SignInOptionsController(SignInChoices choices, TokenIssuer tokens, SignInProperties signIn, RateLimiter limits,
            NetworkEnvironments networks) {
        this.networks = networks;
        this.choices = choices;
        this.tokens = tokens;
        this.signIn = signIn;
        this.limits = limits;
    }

    record OptionsRequest(DeviceDescription device, @Nullable NetworkReport network) {
        OptionsRequest {
            device = DeviceDescription.required(device, "Describe the device whose sign-in screen this is.");
        }
    }

    record RecommendedSignIn(String handle, DeviceDescription device, NetworkReport network,
            @Nullable String clientId) {
        RecommendedSignIn {
            if (handle == null || handle.isBlank() || handle.length() > 64) {
                throw ApiException.invalid("handle", "Send the handle of the account picked on the sign-in screen.");
            }
            device = DeviceDescription.required(device);
            if (network == null) {
                throw ApiException.invalid("network", "Report the network the device is on.");
            }
        }
    }

    record PickRequest(String handle, DeviceDescription device, @Nullable String clientId) {
        PickRequest {
            if (handle == null || handle.isBlank() || handle.length() > 64) {
                throw ApiException.invalid("handle", "Send the handle of the account picked on the sign-in screen.");
            }
            device = DeviceDescription.required(device);
        }
    }

    @PostMapping("/api/v1/sign-in-options")
    SignInOptions options(@RequestBody OptionsRequest request, HttpServletRequest http) {
        String ip = ClientAddress.of(http);
        limits.acquire("sign-in-options-ip", ip, signIn.optionsPerIpPerMinute(), Duration.ofMinutes(1));
        return choices.optionsFor(request.device(),
                request.network() == null ? null : networks.identify(request.network()), ip);
    }

    /** Signs the device in to a recommended account, without a password. */
    @PostMapping("/api/v1/sign-in/recommended")
    SignInResponse signInRecommended(@RequestBody RecommendedSignIn request, HttpServletRequest http) {
        String ip = ClientAddress.of(http);
        limits.acquire("sign-in-recommended-ip", ip, signIn.recommendedSignInsPerIpPerMinute(), Duration.ofMinutes(1));
        String clientId = tokens.deviceClientId(request.clientId(), signIn.defaultClientId());
        return SignInResponse.of(choices.signInRecommended(request.handle(), request.device(),
                networks.identify(request.network()), clientId, ip));
    }

    @PostMapping("/api/v1/sign-in-options/pick")
    @ResponseStatus(HttpStatus.CREATED)
    LoginStarted pick(@RequestBody PickRequest request, HttpServletRequest http) {
        String clientId = tokens.deviceClientId(request.clientId(), signIn.defaultClientId());
        return choices.pick(request.handle(), request.device(), clientId, ClientAddress.of(http));
    }

}
