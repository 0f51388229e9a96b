/**
 * The push channel: every signed-in device can hold a server-sent-events stream. Events
 * are stored per device with increasing ids before they are sent, so a device that
 * reconnects with {@code Last-Event-ID} gets what it missed. Which node holds a device's
 * stream does not matter: publishing stores the event and announces it on the
 * {@link org.onekeylogin.push.EventBus}; the node holding the stream reads and sends it.
 * Notices an account must still reach after the stream's short replay are kept per
 * account as {@link org.onekeylogin.push.Notifications}.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.push;
