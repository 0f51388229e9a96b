package org.onekeylogin.demo;

import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.network.WifiSecurity;

/**
 * The two Wi-Fi networks of the demo. The demo pages report exactly these values from
 * their network picker, as a real app reads them from the operating system.
 */
public final class DemoNetworks {

    /** The Liu family's home: personal (WPA2/3-PSK) security. */
    public static final NetworkReport HOME = new NetworkReport("Liu Home", "a4:2b:b0:5e:10:01", "f8:1a:67:5e:10:00",
            WifiSecurity.PERSONAL);

    /**
     * Dad's office: a shared-password Wi-Fi like a home's, but 40 colleagues have signed
     * in on it, which makes it an office.
     */
    public static final NetworkReport OFFICE = new NetworkReport("Acme Office", "00:1d:a2:7c:40:11",
            "00:1d:a2:7c:40:01", WifiSecurity.PERSONAL);

    private DemoNetworks() {
    }

}
