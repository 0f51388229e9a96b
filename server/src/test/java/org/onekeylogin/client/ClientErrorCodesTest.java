package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The client library's error codes mirror the service's: every code the service sends has
 * a value in the library with the same HTTP status, so apps can branch on all of them.
 */
class ClientErrorCodesTest {

    @Test
    void whenTheServiceHasAnErrorCodeThenTheClientLibraryKnowsItWithTheSameStatus() {
        for (org.onekeylogin.system.ErrorCode serverCode : org.onekeylogin.system.ErrorCode.values()) {
            ErrorCode clientCode = ErrorCode.fromWire(serverCode.code());
            assertThat(clientCode).as(serverCode.code()).isNotEqualTo(ErrorCode.UNKNOWN);
            assertThat(clientCode.httpStatus()).as(serverCode.code()).isEqualTo(serverCode.status().value());
        }
        assertThat(Arrays.stream(ErrorCode.values()).filter(c -> c != ErrorCode.UNKNOWN))
            .as("and nothing the service does not send")
            .hasSize(org.onekeylogin.system.ErrorCode.values().length);
    }

}
