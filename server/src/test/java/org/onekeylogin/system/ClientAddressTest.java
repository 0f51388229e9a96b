package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * One address, one written form: what the phone shows and what limits and blocks compare.
 */
class ClientAddressTest {

    @Test
    void whenTheContainerGivesALongOrMappedFormThenTheShortOneIsUsed() {
        assertThat(ClientAddress.normalize("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(ClientAddress.normalize("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.normalize("2001:DB8:0:0:0:0:0:7")).isEqualTo("2001:db8::7");
        assertThat(ClientAddress.normalize("[2001:db8::7]")).isEqualTo("2001:db8::7");
        // RFC 5952 4.2: the first of two equally long zero runs, and never a single group
        assertThat(ClientAddress.normalize("2001:0db8:0000:0000:0001:0000:0000:0001")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ClientAddress.normalize("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ClientAddress.normalize("fe80:0:0:0:0:0:0:1%eth0")).isEqualTo("fe80::1%eth0");
    }

    @Test
    void whenItIsAlreadyShortOrNotAnAddressThenItIsKept() {
        assertThat(ClientAddress.normalize("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.normalize("::1")).isEqualTo("::1");
        assertThat(ClientAddress.normalize("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.normalize("not:an:address")).isEqualTo("not:an:address");
    }

}
