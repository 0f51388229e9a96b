package org.onekeylogin.sms;

/**
 * Sends text messages. Implementations must not block the caller on the network, must
 * never log the text, and must send nothing for a transaction that rolls back: a listener
 * of a sign-in may send inside the sign-in's transaction.
 */
public interface SmsGateway {

    void send(SmsMessage message);

}
