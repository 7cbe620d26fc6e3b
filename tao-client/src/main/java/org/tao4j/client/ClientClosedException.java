package org.tao4j.client;

/** The client was closed: its calls, subscriptions and watched transactions end with this. */
public class ClientClosedException extends TaoClientException {

    private static final long serialVersionUID = 1L;

    public ClientClosedException(String message) {
        super(message);
    }
}
