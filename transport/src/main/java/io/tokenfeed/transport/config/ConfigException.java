package io.tokenfeed.transport.config;

/** A configuration that must stop start-up; the message names the key and where its value came from. */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ConfigException(final String message)
    {
        super(message);
    }
}
