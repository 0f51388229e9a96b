package org.onekeylogin.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An HTTP answer whose body is read as it arrives (the event stream). */
public interface StreamResponse extends Closeable {

    int status();

    /** The first value of a header (any case), or null. */
    String header(String name);

    /** The body; for a refusal it holds the error document. */
    InputStream body();

    /** Ends the connection; safe from any thread and more than once. */
    @Override
    void close() throws IOException;

}
