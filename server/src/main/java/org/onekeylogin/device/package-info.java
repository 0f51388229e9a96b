/**
 * Devices and device sessions: which account is signed in on which phone, PC or TV, how
 * it got there, from where, and when and by whom it was signed out. A session is the unit
 * that tokens belong to; ending it ends its tokens
 * ({@link org.onekeylogin.device.SessionRevoked}) and tells the device on its push
 * channel.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.device;
