package org.onekeylogin.sms;

/** Sends text messages. Implementations must not block the caller on the network and must never log the text. */
public interface SmsGateway {

    void send(SmsMessage message);
}
