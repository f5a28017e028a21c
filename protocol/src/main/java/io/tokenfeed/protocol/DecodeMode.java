package io.tokenfeed.protocol;

/**
 * Which side's messages a {@link JsonCodec} decodes. It only matters for {@code subscription} and
 * {@code resume}, whose request (client to server) and response (server to client) share a type.
 */
public enum DecodeMode {
    /** Guess per message: a {@code data.status} field makes it a response. */
    ANY,
    /** Server side: {@code subscription} and {@code resume} are always requests; response fields are ignored. */
    FROM_CLIENT,
    /** Client side: {@code subscription} and {@code resume} are always responses. */
    FROM_SERVER
}
