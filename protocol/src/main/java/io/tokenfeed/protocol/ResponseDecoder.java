package io.tokenfeed.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.tokenfeed.protocol.TokenDataDecoder.required;

/**
 * Reads the {@code data} of server-only messages ({@code connection}, {@code error}, {@code ingest_ack}) and the
 * pieces shared with responses: error codes and rejected entries. Lenient on what a refusal may omit, strict on
 * JSON types.
 */
final class ResponseDecoder {
    private static final String REJECTED_TYPE = "rejected must be an array of objects";

    private final JsonInput in;

    ResponseDecoder(JsonInput in) {
        this.in = in;
    }

    ConnectionMessage connection(long sequence, long timestamp) throws IOException, DecodeException {
        String status = null;
        String connectionId = null;
        int maxSubscriptions = -1;
        long heartbeatIntervalMs = -1;
        long maxMessageBytes = -1;
        long resumeWindowMs = -1;
        String serverVersion = null;
        String reason = null;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "status" -> status = in.string(key);
                case "connectionId" -> connectionId = in.string(key);
                case "maxSubscriptions" -> maxSubscriptions = in.nonNegativeInt(key);
                case "heartbeatIntervalMs" -> heartbeatIntervalMs = in.nonNegativeLong(key);
                case "maxMessageBytes" -> maxMessageBytes = in.nonNegativeLong(key);
                case "resumeWindowMs" -> resumeWindowMs = in.nonNegativeLong(key);
                case "serverVersion" -> serverVersion = in.string(key);
                case "reason" -> reason = in.string(key);
                default -> in.skipValue();
            }
        }
        return new ConnectionMessage(sequence, timestamp, required(status, "status"), connectionId, maxSubscriptions,
                heartbeatIntervalMs, maxMessageBytes, resumeWindowMs, serverVersion, reason);
    }

    ErrorMessage error(long sequence, long timestamp) throws IOException, DecodeException {
        ErrorCode code = null;
        String message = null;
        ErrorLevel level = null;
        long requestSequence = -1;
        long retryAfterMs = -1;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "code" -> code = errorCode(key);
                case "message" -> message = in.string(key);
                case "level" -> level = level(key);
                case "requestSequence" -> requestSequence = in.nonNegativeLong(key);
                case "retryAfterMs" -> retryAfterMs = in.nonNegativeLong(key);
                default -> in.skipValue();
            }
        }
        return new ErrorMessage(sequence, timestamp, required(code, "code"), message, level, requestSequence,
                retryAfterMs);
    }

    IngestAckMessage ingestAck(long sequence, long timestamp) throws IOException, DecodeException {
        long requestSequence = -1;
        int accepted = -1;
        int duplicates = -1;
        List<RejectedUpdate> rejected = null;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "requestSequence" -> requestSequence = in.nonNegativeLong(key);
                case "accepted" -> accepted = in.nonNegativeInt(key);
                case "duplicates" -> duplicates = in.nonNegativeInt(key);
                case "rejected" -> rejected = rejectedUpdates();
                default -> in.skipValue();
            }
        }
        if (accepted < 0) {
            throw DecodeException.field("accepted is required");
        }
        if (duplicates < 0) {
            throw DecodeException.field("duplicates is required");
        }
        return new IngestAckMessage(sequence, timestamp, requestSequence, accepted, duplicates, rejected);
    }

    private List<RejectedUpdate> rejectedUpdates() throws IOException, DecodeException {
        List<RejectedUpdate> rejected = new ArrayList<>();
        if (startObjectArray()) {
            do {
                requireObjectEntry();
                try {
                    rejected.add(rejectedUpdate());
                } catch (DecodeException e) {
                    throw e.prefixed("rejected[" + rejected.size() + "].");
                }
            } while (in.nextElement());
        }
        return rejected;
    }

    private RejectedUpdate rejectedUpdate() throws IOException, DecodeException {
        int index = -1;
        String address = null;
        ErrorCode code = null;
        String message = null;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "index" -> index = in.nonNegativeInt(key);
                case "address" -> address = in.string(key);
                case "code" -> code = errorCode(key);
                case "message" -> message = in.string(key);
                default -> in.skipValue();
            }
        }
        if (index < 0) {
            throw DecodeException.field("index is required");
        }
        return new RejectedUpdate(index, address, required(code, "code"), message);
    }

    List<RejectedToken> rejectedTokens() throws IOException, DecodeException {
        List<RejectedToken> rejected = new ArrayList<>();
        if (startObjectArray()) {
            do {
                requireObjectEntry();
                try {
                    rejected.add(rejectedToken());
                } catch (DecodeException e) {
                    throw e.prefixed("rejected[" + rejected.size() + "].");
                }
            } while (in.nextElement());
        }
        return rejected;
    }

    private RejectedToken rejectedToken() throws IOException, DecodeException {
        String token = null;
        ErrorCode code = null;
        String message = null;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "token" -> token = in.string(key);
                case "code" -> code = errorCode(key);
                case "message" -> message = in.string(key);
                default -> in.skipValue();
            }
        }
        return new RejectedToken(required(token, "token"), required(code, "code"), message);
    }

    private boolean startObjectArray() throws IOException, DecodeException {
        if (in.last() != '[') {
            throw DecodeException.field(REJECTED_TYPE);
        }
        return in.firstElement();
    }

    private void requireObjectEntry() throws DecodeException {
        if (in.last() != '{') {
            throw DecodeException.field(REJECTED_TYPE);
        }
    }

    ErrorCode errorCode(String field) throws IOException, DecodeException {
        ErrorCode code = ErrorCode.fromWireName(in.string(field));
        if (code == null) {
            throw DecodeException.field(field + " is not a known error code");
        }
        return code;
    }

    private ErrorLevel level(String field) throws IOException, DecodeException {
        ErrorLevel level = ErrorLevel.fromWireName(in.string(field));
        if (level == null) {
            throw DecodeException.field(field + " must be \"fatal\", \"error\" or \"warning\"");
        }
        return level;
    }
}
