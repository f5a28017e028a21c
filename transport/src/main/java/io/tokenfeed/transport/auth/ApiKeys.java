package io.tokenfeed.transport.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A set of API keys (e.g. {@code auth.publisher-keys}) and the check of a presented one. Keys are kept only as
 * SHA-256 digests and compared with {@link MessageDigest#isEqual} against every configured key, so the time taken
 * reveals neither a key's content nor its length. Keys are never logged. An empty set accepts nothing.
 */
public final class ApiKeys
{
    private static final String BEARER = "Bearer ";

    private final byte[][] digests;

    public ApiKeys(final List<String> keys)
    {
        this.digests = keys.stream().map(ApiKeys::digest).toArray(byte[][]::new);
    }

    public boolean isEmpty()
    {
        return digests.length == 0;
    }

    /** @param presented the key a client presented, or null. */
    public boolean accepts(final String presented)
    {
        if (presented == null)
        {
            return false;
        }
        final byte[] candidate = digest(presented);
        boolean accepted = false;
        for (final byte[] digest : digests)
        {
            accepted |= MessageDigest.isEqual(digest, candidate);
        }
        return accepted;
    }

    /** The key of an {@code Authorization: Bearer <key>} header, or null when the header is absent or of another scheme. */
    public static String bearerKey(final String authorizationHeader)
    {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return null;
        }
        final String key = authorizationHeader.substring(BEARER.length()).trim();
        return key.isEmpty() ? null : key;
    }

    private static byte[] digest(final String key)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }
}
