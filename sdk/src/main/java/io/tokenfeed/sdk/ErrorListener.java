package io.tokenfeed.sdk;

/**
 * Told of server errors (every {@code error} message, and tokens a subscription response rejected) and of problems the
 * client found itself, on the client's thread. Purely informative: the client has already acted on them.
 */
@FunctionalInterface
public interface ErrorListener
{
    /**
     * @param error what happened
     */
    void onError(ClientError error);
}
