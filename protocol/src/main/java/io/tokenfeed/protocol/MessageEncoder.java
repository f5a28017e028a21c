package io.tokenfeed.protocol;

import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes messages in the order type, sequence, timestamp, data, omitting absent optional fields (negative
 * numbers, nulls, false flags, empty rejected lists). Keys are pre-quoted ASCII constants and numbers go through
 * {@link NumberConverter}, so writing allocates nothing but the writer's own growth. Never throws for a valid
 * record, whatever its strings hold. Stateless.
 */
final class MessageEncoder {
    private static final char REPLACEMENT_CHARACTER = (char) 0xFFFD;
    private static final byte[][] HEADERS = new byte[MessageType.values().length][];

    static {
        for (MessageType type : MessageType.values()) {
            HEADERS[type.ordinal()] = ascii("{\"type\":\"" + type.wireName() + '"');
        }
    }

    private static final byte[] SEQUENCE = ascii(",\"sequence\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] DATA = ascii(",\"data\":");
    private static final byte[] EMPTY_DATA = ascii(",\"data\":{}}");
    private static final byte[] HEARTBEAT_REQUEST_SEQUENCE = ascii(",\"data\":{\"requestSequence\":");
    private static final byte[] ADDRESS = ascii("{\"address\":");
    private static final byte[] PRICE = ascii(",\"price\":");
    private static final byte[] MARKET_CAP = ascii(",\"marketCap\":");
    private static final byte[] VOLUME_H24 = ascii(",\"volume\":{\"h24\":");
    private static final byte[] H1 = ascii(",\"h1\":");
    private static final byte[] M5 = ascii(",\"m5\":");
    private static final byte[] UPDATED_AT = ascii(",\"updatedAt\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] SNAPSHOT_TRUE = ascii(",\"snapshot\":true");
    private static final byte[] REPLAYED_TRUE = ascii(",\"replayed\":true");
    private static final byte[] COUNT = ascii("{\"count\":");
    private static final byte[] UPDATES = ascii(",\"updates\":[");
    private static final byte[] ACK_SEQUENCE = ascii("{\"sequence\":");
    private static final byte[] STATUS = ascii("{\"status\":");
    private static final byte[] CONNECTION_ID = ascii(",\"connectionId\":");
    private static final byte[] MAX_SUBSCRIPTIONS = ascii(",\"maxSubscriptions\":");
    private static final byte[] HEARTBEAT_INTERVAL_MS = ascii(",\"heartbeatIntervalMs\":");
    private static final byte[] MAX_MESSAGE_BYTES = ascii(",\"maxMessageBytes\":");
    private static final byte[] RESUME_WINDOW_MS = ascii(",\"resumeWindowMs\":");
    private static final byte[] SERVER_VERSION = ascii(",\"serverVersion\":");
    private static final byte[] REASON = ascii(",\"reason\":");
    private static final byte[] ACTION = ascii("{\"action\":");
    private static final byte[] TOKENS = ascii(",\"tokens\":");
    private static final byte[] STATUS_NEXT = ascii(",\"status\":");
    private static final byte[] REQUEST_SEQUENCE = ascii(",\"requestSequence\":");
    private static final byte[] SUBSCRIPTION_COUNT = ascii(",\"subscriptionCount\":");
    private static final byte[] REJECTED = ascii(",\"rejected\":[");
    private static final byte[] TOKEN = ascii("{\"token\":");
    private static final byte[] CODE = ascii(",\"code\":");
    private static final byte[] MESSAGE = ascii(",\"message\":");
    private static final byte[] ERROR_CODE = ascii("{\"code\":");
    private static final byte[] LEVEL = ascii(",\"level\":");
    private static final byte[] RETRY_AFTER_MS = ascii(",\"retryAfterMs\":");
    private static final byte[] REPLAYED = ascii(",\"replayed\":");
    private static final byte[] SUBSCRIPTIONS = ascii(",\"subscriptions\":");
    private static final byte[] LAST_SEQUENCE = ascii(",\"lastSequence\":");
    private static final byte[] CONNECTION_ID_FIRST = ascii("{\"connectionId\":");
    private static final byte[] ACCEPTED = ascii("\"accepted\":");
    private static final byte[] REQUEST_SEQUENCE_FIRST = ascii("{\"requestSequence\":");
    private static final byte[] DUPLICATES = ascii(",\"duplicates\":");
    private static final byte[] INDEX = ascii("{\"index\":");
    private static final byte[] ADDRESS_NEXT = ascii(",\"address\":");
    private static final byte[] END_OBJECTS = ascii("}}");

    void encode(Message message, JsonWriter w) {
        if (message instanceof TokenUpdateMessage m) {
            header(w, m.type(), m.sequence(), m.timestamp());
            tokenData(m.data(), w);
            w.writeByte(JsonWriter.OBJECT_END);
        } else if (message instanceof TokenBatchMessage m) {
            header(w, m.type(), m.sequence(), m.timestamp());
            batch(m, w);
        } else if (message instanceof HeartbeatMessage m) {
            w.writeAscii(HEADERS[m.type().ordinal()]);
            envelopeNumbers(w, m.sequence(), m.timestamp());
            if (m.requestSequence() < 0) {
                w.writeAscii(EMPTY_DATA);
            } else {
                w.writeAscii(HEARTBEAT_REQUEST_SEQUENCE);
                NumberConverter.serialize(m.requestSequence(), w);
                w.writeAscii(END_OBJECTS);
            }
        } else if (message instanceof AckRequest m) {
            header(w, m.type(), m.sequence(), -1);
            w.writeAscii(ACK_SEQUENCE);
            NumberConverter.serialize(m.ackSequence(), w);
            w.writeAscii(END_OBJECTS);
        } else if (message instanceof PingRequest m) {
            w.writeAscii(HEADERS[m.type().ordinal()]);
            envelopeNumbers(w, m.sequence(), -1);
            w.writeAscii(EMPTY_DATA);
        } else {
            encodeControl(message, w);
        }
    }

    private void encodeControl(Message message, JsonWriter w) {
        if (message instanceof SubscriptionRequest m) {
            header(w, m.type(), m.sequence(), -1);
            w.writeAscii(ACTION);
            w.writeString(m.action().wireName());
            w.writeAscii(TOKENS);
            strings(m.tokens(), w);
            w.writeAscii(END_OBJECTS);
        } else if (message instanceof SubscriptionResponse m) {
            subscriptionResponse(m, w);
        } else if (message instanceof ErrorMessage m) {
            error(m, w);
        } else if (message instanceof ConnectionMessage m) {
            connection(m, w);
        } else if (message instanceof ResumeRequest m) {
            header(w, m.type(), m.sequence(), -1);
            w.writeAscii(CONNECTION_ID_FIRST);
            text(w, m.connectionId());
            w.writeAscii(LAST_SEQUENCE);
            NumberConverter.serialize(m.lastSequence(), w);
            w.writeAscii(END_OBJECTS);
        } else if (message instanceof ResumeResponse m) {
            resumeResponse(m, w);
        } else if (message instanceof IngestAckMessage m) {
            ingestAck(m, w);
        } else {
            throw new IllegalArgumentException("cannot encode " + message);
        }
    }

    void tokenData(TokenData d, JsonWriter w) {
        w.writeAscii(ADDRESS);
        text(w, d.address());
        w.writeAscii(PRICE);
        text(w, d.price());
        w.writeAscii(MARKET_CAP);
        text(w, d.marketCap());
        Volume volume = d.volume();
        w.writeAscii(VOLUME_H24);
        text(w, volume.h24());
        w.writeAscii(H1);
        text(w, volume.h1());
        w.writeAscii(M5);
        text(w, volume.m5());
        w.writeByte(JsonWriter.OBJECT_END);
        number(w, UPDATED_AT, d.updatedAt());
        number(w, VERSION, d.version());
        if (d.snapshot()) {
            w.writeAscii(SNAPSHOT_TRUE);
        }
        if (d.replayed()) {
            w.writeAscii(REPLAYED_TRUE);
        }
        w.writeByte(JsonWriter.OBJECT_END);
    }

    private void batch(TokenBatchMessage m, JsonWriter w) {
        List<TokenData> updates = m.updates();
        w.writeAscii(COUNT);
        NumberConverter.serialize(updates.size(), w);
        w.writeAscii(UPDATES);
        for (int i = 0; i < updates.size(); i++) {
            if (i > 0) {
                w.writeByte(JsonWriter.COMMA);
            }
            tokenData(updates.get(i), w);
        }
        w.writeByte(JsonWriter.ARRAY_END);
        w.writeAscii(END_OBJECTS);
    }

    private void connection(ConnectionMessage m, JsonWriter w) {
        header(w, m.type(), m.sequence(), m.timestamp());
        w.writeAscii(STATUS);
        text(w, m.status());
        string(w, CONNECTION_ID, m.connectionId());
        number(w, MAX_SUBSCRIPTIONS, m.maxSubscriptions());
        number(w, HEARTBEAT_INTERVAL_MS, m.heartbeatIntervalMs());
        number(w, MAX_MESSAGE_BYTES, m.maxMessageBytes());
        number(w, RESUME_WINDOW_MS, m.resumeWindowMs());
        string(w, SERVER_VERSION, m.serverVersion());
        string(w, REASON, m.reason());
        w.writeAscii(END_OBJECTS);
    }

    private void subscriptionResponse(SubscriptionResponse m, JsonWriter w) {
        header(w, m.type(), m.sequence(), m.timestamp());
        w.writeAscii(ACTION);
        w.writeString(m.action().wireName());
        w.writeAscii(TOKENS);
        strings(m.tokens(), w);
        w.writeAscii(STATUS_NEXT);
        text(w, m.status());
        number(w, REQUEST_SEQUENCE, m.requestSequence());
        number(w, SUBSCRIPTION_COUNT, m.subscriptionCount());
        List<RejectedToken> rejected = m.rejected();
        if (!rejected.isEmpty()) {
            w.writeAscii(REJECTED);
            for (int i = 0; i < rejected.size(); i++) {
                if (i > 0) {
                    w.writeByte(JsonWriter.COMMA);
                }
                RejectedToken r = rejected.get(i);
                w.writeAscii(TOKEN);
                text(w, r.token());
                w.writeAscii(CODE);
                w.writeString(r.code().name());
                string(w, MESSAGE, r.message());
                w.writeByte(JsonWriter.OBJECT_END);
            }
            w.writeByte(JsonWriter.ARRAY_END);
        }
        w.writeAscii(END_OBJECTS);
    }

    private void error(ErrorMessage m, JsonWriter w) {
        header(w, m.type(), m.sequence(), m.timestamp());
        w.writeAscii(ERROR_CODE);
        w.writeString(m.code().name());
        string(w, MESSAGE, m.message());
        w.writeAscii(LEVEL);
        w.writeString(m.level().wireName());
        number(w, REQUEST_SEQUENCE, m.requestSequence());
        number(w, RETRY_AFTER_MS, m.retryAfterMs());
        w.writeAscii(END_OBJECTS);
    }

    private void resumeResponse(ResumeResponse m, JsonWriter w) {
        header(w, m.type(), m.sequence(), m.timestamp());
        w.writeAscii(STATUS);
        text(w, m.status());
        string(w, CONNECTION_ID, m.connectionId());
        number(w, REQUEST_SEQUENCE, m.requestSequence());
        number(w, REPLAYED, m.replayed());
        w.writeAscii(SUBSCRIPTIONS);
        strings(m.subscriptions(), w);
        if (m.code() != null) {
            w.writeAscii(CODE);
            w.writeString(m.code().name());
        }
        w.writeAscii(END_OBJECTS);
    }

    private void ingestAck(IngestAckMessage m, JsonWriter w) {
        header(w, m.type(), m.sequence(), m.timestamp());
        if (m.requestSequence() >= 0) {
            w.writeAscii(REQUEST_SEQUENCE_FIRST);
            NumberConverter.serialize(m.requestSequence(), w);
            w.writeByte(JsonWriter.COMMA);
        } else {
            w.writeByte(JsonWriter.OBJECT_START);
        }
        w.writeAscii(ACCEPTED);
        NumberConverter.serialize(m.accepted(), w);
        w.writeAscii(DUPLICATES);
        NumberConverter.serialize(m.duplicates(), w);
        List<RejectedUpdate> rejected = m.rejected();
        if (!rejected.isEmpty()) {
            w.writeAscii(REJECTED);
            for (int i = 0; i < rejected.size(); i++) {
                if (i > 0) {
                    w.writeByte(JsonWriter.COMMA);
                }
                RejectedUpdate r = rejected.get(i);
                w.writeAscii(INDEX);
                NumberConverter.serialize(r.index(), w);
                string(w, ADDRESS_NEXT, r.address());
                w.writeAscii(CODE);
                w.writeString(r.code().name());
                string(w, MESSAGE, r.message());
                w.writeByte(JsonWriter.OBJECT_END);
            }
            w.writeByte(JsonWriter.ARRAY_END);
        }
        w.writeAscii(END_OBJECTS);
    }

    /** Writes {@code {"type":..,"sequence":..,"timestamp":..,"data":} and leaves the data object to the caller. */
    private static void header(JsonWriter w, MessageType type, long sequence, long timestamp) {
        w.writeAscii(HEADERS[type.ordinal()]);
        envelopeNumbers(w, sequence, timestamp);
        w.writeAscii(DATA);
    }

    private static void envelopeNumbers(JsonWriter w, long sequence, long timestamp) {
        number(w, SEQUENCE, sequence);
        number(w, TIMESTAMP, timestamp);
    }

    private static void number(JsonWriter w, byte[] key, long value) {
        if (value >= 0) {
            w.writeAscii(key);
            NumberConverter.serialize(value, w);
        }
    }

    private static void string(JsonWriter w, byte[] key, String value) {
        if (value != null) {
            w.writeAscii(key);
            text(w, value);
        }
    }

    /**
     * dsl-json throws on a lone surrogate, which a client can send as a valid JSON escape ({@code "\\ud800"}) and
     * which may come back in an echo (a rejected token). Replace it with U+FFFD so that encoding never throws.
     */
    private static void text(JsonWriter w, String value) {
        w.writeString(hasLoneSurrogate(value) ? replaceLoneSurrogates(value) : value);
    }

    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                if (!isPairAt(value, i)) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    private static String replaceLoneSurrogates(String value) {
        StringBuilder replaced = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isSurrogate(c)) {
                replaced.append(c);
            } else if (isPairAt(value, i)) {
                replaced.append(c).append(value.charAt(++i));
            } else {
                replaced.append(REPLACEMENT_CHARACTER);
            }
        }
        return replaced.toString();
    }

    private static boolean isPairAt(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static void strings(List<String> values, JsonWriter w) {
        w.writeByte(JsonWriter.ARRAY_START);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.writeByte(JsonWriter.COMMA);
            }
            text(w, values.get(i));
        }
        w.writeByte(JsonWriter.ARRAY_END);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
