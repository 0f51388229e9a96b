package org.onekeylogin.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.onekeylogin.system.ApiException;

/** The one check that a request body describes the device it signs in. */
class DeviceDescriptionTest {

    @Test
    void whenTheDeviceIsDescribedThenItIsKept() {
        var tv = new DeviceDescription("tv-000000001", DeviceType.TV, "Living-room TV", null, null, null);
        assertThat(DeviceDescription.required(tv)).isSameAs(tv);
    }

    @Test
    void whenTheDeviceIsMissingThenFieldDeviceIsRefused() {
        assertThatThrownBy(() -> DeviceDescription.required(null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Describe the device that signs in.");
            assertThat(e.details()).containsEntry("field", "device");
        });
        assertThatThrownBy(() -> DeviceDescription.required(null, "Describe the device whose screen this is."))
            .isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("Describe the device whose screen this is."));
    }

}
