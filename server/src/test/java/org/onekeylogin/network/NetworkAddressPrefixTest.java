package org.onekeylogin.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The public-address prefix a network is remembered with: an IPv4 /24 or an IPv6 /56, so
 * a household keeps matching when its provider moves it within its block.
 */
class NetworkAddressPrefixTest {

    @Test
    void whenAnIpv4AddressIsGivenThenItsSlash24IsKept() {
        assertThat(NetworkEnvironments.prefix("203.0.113.9")).isEqualTo("v4:203.0.113.");
    }

    @Test
    void whenTwoIpv4AddressesShareTheirSlash24ThenTheyShareThePrefix() {
        assertThat(NetworkEnvironments.prefix("198.51.100.1")).isEqualTo(NetworkEnvironments.prefix("198.51.100.254"));
        assertThat(NetworkEnvironments.prefix("198.51.100.1")).isNotEqualTo(NetworkEnvironments.prefix("198.51.101.1"));
    }

    @Test
    void whenAnIpv6AddressIsGivenThenItsSlash56IsKept() {
        assertThat(NetworkEnvironments.prefix("2001:db8:abcd:12ff::1")).isEqualTo("v6:32.1.13.184.171.205.18.");
        assertThat(NetworkEnvironments.prefix("2001:db8:abcd:1200::99"))
            .isEqualTo(NetworkEnvironments.prefix("2001:db8:abcd:12ff::1"));
        assertThat(NetworkEnvironments.prefix("2001:db8:abcd:1300::1"))
            .isNotEqualTo(NetworkEnvironments.prefix("2001:db8:abcd:12ff::1"));
    }

    @Test
    void whenTheLoopbacksAreGivenThenEachFamilyHasItsOwnPrefix() {
        assertThat(NetworkEnvironments.prefix("127.0.0.1")).isEqualTo("v4:127.0.0.");
        assertThat(NetworkEnvironments.prefix("::1")).isEqualTo("v6:0.0.0.0.0.0.0.");
    }

    @Test
    void whenAnIpv4AddressComesMappedIntoIpv6ThenItIsTheIpv4Prefix() {
        assertThat(NetworkEnvironments.prefix("::ffff:203.0.113.9")).isEqualTo("v4:203.0.113.");
    }

    @Test
    void whenTheAddressIsNotOneThenThePrefixIsUnknown() {
        assertThat(NetworkEnvironments.prefix("[1::")).isEqualTo("unknown");
        assertThat(NetworkEnvironments.prefix("1::2::3")).isEqualTo("unknown");
    }

}
