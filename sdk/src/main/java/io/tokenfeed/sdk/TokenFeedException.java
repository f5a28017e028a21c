package io.tokenfeed.sdk;

/** A request the client could not carry out: it was closed or failed, or its bounded buffer was full. */
public class TokenFeedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done and why
     */
    public TokenFeedException(final String message)
    {
        super(message);
    }

    /**
     * @param message what could not be done and why
     * @param cause the exception behind it
     */
    public TokenFeedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
