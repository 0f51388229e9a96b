package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;

/** Health for orchestrators and Prometheus metrics, including the service's own. */
@ServiceTest
class OperationsEndpointsTest {

    @Test
    void browsersFindTheSitesIconWhereTheyLookForIt(Api api) {
        Api.Response icon = api.raw("GET", "/favicon.ico", null, null, java.util.Map.of());
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).contains("icon");
    }

    @Test
    void whenTheServiceRunsThenHealthIsUpAndMetricsAreExposed(Api api) {
        assertThat(api.get("/actuator/health", null).field("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).field("status")).isEqualTo("UP");
        Api.Response metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("onekey_push_streams").contains("http_server_requests");
    }

}
