package org.onekeylogin.device;

import org.onekeylogin.system.WireEnum;

/**
 * Small screens (phones, tablets) are carried by one person and act as control terminals;
 * large screens are shared and are the ones that ask to be signed in.
 */
public enum ScreenClass implements WireEnum {

    SMALL, LARGE;

}
