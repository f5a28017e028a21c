package io.tokenfeed.sdk.internal;

import io.tokenfeed.protocol.ConnectionMessage;
import io.tokenfeed.protocol.ErrorCode;
import io.tokenfeed.protocol.ErrorLevel;
import io.tokenfeed.protocol.ErrorMessage;
import io.tokenfeed.protocol.HeartbeatMessage;
import io.tokenfeed.protocol.IngestAckMessage;
import io.tokenfeed.protocol.JsonCodec;
import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.RejectedUpdate;
import io.tokenfeed.protocol.ResumeResponse;
import io.tokenfeed.protocol.TokenBatchMessage;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import io.tokenfeed.protocol.Volume;
import java.util.List;

/** Server messages as the server would frame them, encoded by the protocol module (the same code the server uses). */
final class ServerMessages
{
    static final long TIMESTAMP = 1_732_680_000_000L;
    private static final JsonCodec CODEC = new JsonCodec();

    private ServerMessages()
    {
    }

    static byte[] json(final Message message)
    {
        return CODEC.encode(message);
    }

    static Message greeting(final String connectionId, final long heartbeatMs)
    {
        return greeting(connectionId, heartbeatMs, 1_048_576, 60_000);
    }

    static Message greeting(final String connectionId, final long heartbeatMs, final long maxMessageBytes, final long resumeWindowMs)
    {
        return new ConnectionMessage(1, TIMESTAMP, ConnectionMessage.STATUS_CONNECTED, connectionId, 100, heartbeatMs, maxMessageBytes,
            resumeWindowMs, "test", null);
    }

    static Message disconnected(final long sequence, final String reason)
    {
        return new ConnectionMessage(sequence, TIMESTAMP, ConnectionMessage.STATUS_DISCONNECTED, "c", 100, 1000, 1_048_576, 60_000,
            "test", reason);
    }

    static Message fatal(final long sequence, final ErrorCode code, final long retryAfterMs)
    {
        return new ErrorMessage(sequence, TIMESTAMP, code, code.name().toLowerCase(), ErrorLevel.FATAL, -1, retryAfterMs);
    }

    static Message error(final long sequence, final ErrorCode code, final long requestSequence, final long retryAfterMs)
    {
        return new ErrorMessage(sequence, TIMESTAMP, code, code.name().toLowerCase(), null, requestSequence, retryAfterMs);
    }

    static Message heartbeat(final long sequence)
    {
        return new HeartbeatMessage(sequence, TIMESTAMP);
    }

    static TokenData data(final String address, final long version)
    {
        return new TokenData(address, Long.toString(version), "1000", new Volume("3", "2", "1"), TIMESTAMP, version, false, false);
    }

    static Message update(final long sequence, final String address, final long version)
    {
        return new TokenUpdateMessage(sequence, TIMESTAMP, data(address, version));
    }

    static Message batch(final long sequence, final List<TokenData> updates)
    {
        return new TokenBatchMessage(sequence, TIMESTAMP, updates);
    }

    static Message ack(final long sequence, final long requestSequence, final int accepted, final int duplicates,
        final List<RejectedUpdate> rejected)
    {
        return new IngestAckMessage(sequence, TIMESTAMP, requestSequence, accepted, duplicates, rejected);
    }

    static Message resumed(final long sequence, final String status, final long requestSequence, final int replayed,
        final List<String> subscriptions)
    {
        return new ResumeResponse(sequence, TIMESTAMP, status, "old", requestSequence, replayed, subscriptions,
            ResumeResponse.STATUS_SUCCESS.equals(status) ? null : ErrorCode.RESUME_UNAVAILABLE);
    }
}
