package org.tao4j.sdk.axon;

import java.io.IOException;

/** Where a {@link StreamHandler} sends its chunks. Use it from the handler's thread only. */
public interface ChunkSink<C> {
    /**
     * Sends one chunk, blocking until the transport has taken it (so a slow reader slows the
     * handler rather than filling memory).
     *
     * @throws IOException when the caller has gone away or the request's deadline has passed;
     *     the handler should then return
     */
    void send(C chunk) throws IOException;
}
