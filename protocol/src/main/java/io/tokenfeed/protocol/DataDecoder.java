package io.tokenfeed.protocol;

import java.io.IOException;
import java.util.List;

import static io.tokenfeed.protocol.TokenDataDecoder.required;

/**
 * Reads the {@code data} object of a message once its type is known, and builds the message. Also reads the
 * types whose request and response share a name ({@code subscription}, {@code resume}), choosing the shape by
 * {@link DecodeMode}. Field names in errors are relative to {@code data}.
 */
final class DataDecoder {
    private final JsonInput in;
    private final TokenDataDecoder tokens;
    private final ResponseDecoder responses;
    private final int maxTokensPerRequest;
    private final DecodeMode mode;

    DataDecoder(JsonInput in, int maxTokensPerRequest, int maxBatchUpdates, DecodeMode mode) {
        this.in = in;
        this.tokens = new TokenDataDecoder(in, maxBatchUpdates);
        this.responses = new ResponseDecoder(in);
        this.maxTokensPerRequest = maxTokensPerRequest;
        this.mode = mode;
    }

    TokenDataDecoder tokens() {
        return tokens;
    }

    /** On '{' of {@code data}. */
    Message decode(MessageType type, long sequence, long timestamp) throws IOException, DecodeException {
        rejectServerOnlyTypeFromClient(type);
        return switch (type) {
            case TOKEN_UPDATE -> new TokenUpdateMessage(sequence, timestamp, tokens.tokenData());
            case TOKEN_BATCH -> new TokenBatchMessage(sequence, timestamp, tokens.batch());
            case ACK -> ack(sequence);
            case SUBSCRIPTION -> subscription(sequence, timestamp);
            case PING -> {
                in.skipValue();
                yield new PingRequest(sequence);
            }
            case HEARTBEAT -> heartbeat(sequence, timestamp);
            case RESUME -> resume(sequence, timestamp);
            case CONNECTION -> responses.connection(sequence, timestamp);
            case ERROR -> responses.error(sequence, timestamp);
            case INGEST_ACK -> responses.ingestAck(sequence, timestamp);
        };
    }

    /** The message of a type whose {@code data} may be omitted, or an error when it may not. */
    Message withoutData(MessageType type, long sequence, long timestamp) throws DecodeException {
        rejectServerOnlyTypeFromClient(type);
        if (type == MessageType.PING) {
            return new PingRequest(sequence);
        }
        if (type == MessageType.HEARTBEAT) {
            return new HeartbeatMessage(sequence, timestamp);
        }
        throw DecodeException.message(ErrorCode.INVALID_MESSAGE, "data is required");
    }

    /** A server's message type sent to the server is unknown there, whatever its data. */
    private void rejectServerOnlyTypeFromClient(MessageType type) throws DecodeException {
        if (mode == DecodeMode.FROM_CLIENT && !type.sentByClients()) {
            throw DecodeException.message(ErrorCode.UNKNOWN_MESSAGE_TYPE,
                    "message type '" + type.wireName() + "' is sent by servers only");
        }
    }

    private HeartbeatMessage heartbeat(long sequence, long timestamp) throws IOException, DecodeException {
        long requestSequence = -1;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            if ("requestSequence".equals(key)) {
                requestSequence = in.nonNegativeLong(key);
            } else {
                in.skipValue();
            }
        }
        return new HeartbeatMessage(sequence, timestamp, requestSequence);
    }

    private AckRequest ack(long sequence) throws IOException, DecodeException {
        long ackSequence = -1;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            if ("sequence".equals(key)) {
                ackSequence = in.nonNegativeLong(key);
            } else {
                in.skipValue();
            }
        }
        if (ackSequence < 0) {
            throw DecodeException.field("sequence is required");
        }
        return new AckRequest(sequence, ackSequence);
    }

    private Message subscription(long sequence, long timestamp) throws IOException, DecodeException {
        boolean responseFields = mode != DecodeMode.FROM_CLIENT;
        // Only requests come from untrusted peers; a response lists what the server applied, whatever its limit.
        int tokenLimit = mode == DecodeMode.FROM_SERVER ? Integer.MAX_VALUE : maxTokensPerRequest;
        SubscriptionAction action = null;
        List<String> tokenList = null;
        String status = null;
        long requestSequence = -1;
        int subscriptionCount = -1;
        List<RejectedToken> rejected = null;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (responseFields ? key : requestKey(key, "action", "tokens")) {
                case "action" -> action = action(key);
                case "tokens" -> tokenList = in.strings(key, tokenLimit);
                case "status" -> status = in.string(key);
                case "requestSequence" -> requestSequence = in.nonNegativeLong(key);
                case "subscriptionCount" -> subscriptionCount = in.nonNegativeInt(key);
                case "rejected" -> rejected = responses.rejectedTokens();
                default -> in.skipValue();
            }
        }
        required(action, "action");
        if (isResponse(status)) {
            return new SubscriptionResponse(sequence, timestamp, action, tokenList, required(status, "status"),
                    requestSequence, subscriptionCount, rejected);
        }
        if (required(tokenList, "tokens").isEmpty()) {
            throw DecodeException.field("tokens must not be empty");
        }
        return new SubscriptionRequest(sequence, action, tokenList);
    }

    private Message resume(long sequence, long timestamp) throws IOException, DecodeException {
        boolean responseFields = mode != DecodeMode.FROM_CLIENT;
        String connectionId = null;
        long lastSequence = -1;
        String status = null;
        long requestSequence = -1;
        int replayed = -1;
        List<String> subscriptions = null;
        ErrorCode code = null;
        for (String key = in.firstKey(); key != null; key = in.nextKey()) {
            switch (responseFields ? key : requestKey(key, "connectionId", "lastSequence")) {
                case "connectionId" -> connectionId = in.string(key);
                case "lastSequence" -> lastSequence = in.nonNegativeLong(key);
                case "status" -> status = in.string(key);
                case "requestSequence" -> requestSequence = in.nonNegativeLong(key);
                case "replayed" -> replayed = in.nonNegativeInt(key);
                case "subscriptions" -> subscriptions = in.strings(key, Integer.MAX_VALUE);
                case "code" -> code = responses.errorCode(key);
                default -> in.skipValue();
            }
        }
        if (isResponse(status)) {
            return new ResumeResponse(sequence, timestamp, required(status, "status"), connectionId, requestSequence,
                    replayed, subscriptions, code);
        }
        if (lastSequence < 0) {
            throw DecodeException.field("lastSequence is required");
        }
        return new ResumeRequest(sequence, required(connectionId, "connectionId"), lastSequence);
    }

    private boolean isResponse(String status) {
        return mode == DecodeMode.FROM_SERVER || (mode == DecodeMode.ANY && status != null);
    }

    // A server ignores response fields a client may have added: map them to "no such field".
    private static String requestKey(String key, String first, String second) {
        return key.equals(first) || key.equals(second) ? key : "";
    }

    private SubscriptionAction action(String field) throws IOException, DecodeException {
        SubscriptionAction action = in.last() == '"' ? SubscriptionAction.fromWireName(in.string(field)) : null;
        if (action == null) {
            throw DecodeException.field(field + " must be \"subscribe\" or \"unsubscribe\"");
        }
        return action;
    }
}
