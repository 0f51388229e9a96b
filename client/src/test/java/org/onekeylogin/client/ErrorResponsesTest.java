package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void whenTheJsonApiRefusesThenTheCodeDetailsAndRetryAfterAreTyped() {
        OneKeyException e = ErrorResponses.toException(429,
                "{\"status\":429,\"code\":\"too_many_requests\",\"message\":\"Wait.\",\"details\":{\"retry_after_seconds\":792,\"limit\":\"requester\"}}",
                "792");
        assertThat(e).isInstanceOf(OneKeyApiException.class).hasMessage("Wait.");
        OneKeyApiException api = (OneKeyApiException) e;
        assertThat(api.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(api.httpStatus()).isEqualTo(429);
        assertThat(api.retryAfter()).contains(Duration.ofSeconds(792));
        assertThat(api.detail("limit")).contains("requester");
        assertThat(api.details()).containsEntry("retry_after_seconds", 792L);
    }

    @Test
    void whenTheHeaderIsMissingThenRetryAfterComesFromTheDetails() {
        OneKeyException e = ErrorResponses.toException(403,
                "{\"code\":\"requester_blocked\",\"message\":\"Blocked.\",\"details\":{\"retry_after_seconds\":60,\"fallbacks\":[\"qr_code\"]}}",
                null);
        assertThat(((OneKeyApiException) e).code()).isEqualTo(ErrorCode.REQUESTER_BLOCKED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(e.details().get("fallbacks")).asList().containsExactly("qr_code");
    }

    @Test
    void whenANewerServiceSendsAnUnknownCodeThenItIsUnknownWithTheWireCodeKept() {
        OneKeyException e = ErrorResponses.toException(409, "{\"code\":\"something_new\",\"message\":\"New.\"}", null);
        assertThat(((OneKeyApiException) e).code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(((OneKeyApiException) e).wireCode()).isEqualTo("something_new");
    }

    @Test
    void whenAnOAuthEndpointRefusesThenTheOAuthErrorIsTyped() {
        OneKeyException e = ErrorResponses.toException(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Used.\"}", null);
        assertThat(e).isInstanceOf(OAuthException.class);
        assertThat(((OAuthException) e).error()).isEqualTo(OAuthException.INVALID_GRANT);
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void whenTheAnswerIsNotTheServicesThenItIsATransportFailure() {
        OneKeyException e = ErrorResponses.toException(502, "<html>Bad gateway</html>", null);
        assertThat(e).isInstanceOf(OneKeyTransportException.class);
        assertThat(e.httpStatus()).isEqualTo(502);
    }

    @Test
    void whenACodeIsLookedUpThenWireNamesRoundTrip() {
        for (ErrorCode code : ErrorCode.values()) {
            if (code != ErrorCode.UNKNOWN) {
                assertThat(ErrorCode.fromWire(code.wireName())).isEqualTo(code);
            }
        }
        assertThat(ErrorCode.fromWire("unknown")).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ErrorCode.fromWire(null)).isEqualTo(ErrorCode.UNKNOWN);
    }

}
