package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkReportTest {

    @Test
    void whenAReportIsBuiltThenMacsAreNormalisedAsTheServiceStoresThem() {
        NetworkReport report = NetworkReport.builder()
            .ssid("Home")
            .bssid("A4-2B-B0-12-34-56")
            .gatewayMac(" F8:1A:67:12:34:56 ")
            .security(WifiSecurity.PERSONAL)
            .build();
        assertThat(report.bssid()).isEqualTo("a4:2b:b0:12:34:56");
        assertThat(report.gatewayMac()).isEqualTo("f8:1a:67:12:34:56");
        assertThat(report.toHeaderValue()).isEqualTo(
                "{\"ssid\":\"Home\",\"bssid\":\"a4:2b:b0:12:34:56\",\"gateway_mac\":\"f8:1a:67:12:34:56\",\"security\":\"personal\"}");
    }

    @Test
    void whenTheSsidIsNotAsciiThenTheHeaderEscapesItAndStaysAscii() {
        String header = NetworkReport.builder()
            .ssid("Café 家")
            .bssid("a4:2b:b0:12:34:56")
            .security(WifiSecurity.OPEN)
            .build()
            .toHeaderValue();
        assertThat(header).contains("Caf\\u00e9 \\u5bb6").matches("\\p{ASCII}*");
    }

    @Test
    void whenNeitherBssidNorGatewayIsGivenThenTheReportIsRefused() {
        assertThatThrownBy(() -> NetworkReport.builder().ssid("Home").security(WifiSecurity.PERSONAL).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("BSSID or the gateway MAC");
    }

    @Test
    void whenAMacIsMalformedThenTheReportIsRefused() {
        assertThatThrownBy(() -> NetworkReport.builder().bssid("a4:2b:b0:12:34").security(WifiSecurity.OPEN).build())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                () -> NetworkReport.builder().gatewayMac("zz:2b:b0:12:34:56").security(WifiSecurity.OPEN).build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenTheSsidIsBlankOrTooLongOrTheSecurityMissingThenTheReportIsRefused() {
        assertThatThrownBy(
                () -> NetworkReport.builder().ssid(" ").bssid("a4:2b:b0:12:34:56").security(WifiSecurity.OPEN).build())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkReport.builder()
            .ssid("x".repeat(65))
            .bssid("a4:2b:b0:12:34:56")
            .security(WifiSecurity.OPEN)
            .build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkReport.builder().bssid("a4:2b:b0:12:34:56").build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenAReportIsPrintedThenNoNetworkIdentifierAppears() {
        NetworkReport report = NetworkReport.builder()
            .ssid("Home")
            .bssid("a4:2b:b0:12:34:56")
            .security(WifiSecurity.PERSONAL)
            .build();
        assertThat(report.toString()).doesNotContain("Home").doesNotContain("a4:2b").contains("personal");
    }

}
