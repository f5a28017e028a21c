package io.tokenfeed.protocol;

import java.util.List;

/** Example messages of every type, with optional fields present and absent. */
final class Samples {
    static final String EVM = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    static final String SOLANA = "So11111111111111111111111111111111111111112";
    static final Volume VOLUME = new Volume("1000.5", "50.25", "3.1");
    static final TokenData FULL = new TokenData(EVM, "1.2345", "123456789.00", VOLUME, 1732679999990L, 17, true, true);
    static final TokenData MINIMAL = new TokenData(SOLANA, "0", "0.5", VOLUME, -1, -1, false, false);

    private Samples() {
    }

    static List<Message> all() {
        return List.of(
                new ConnectionMessage(1, 1732680000000L, "connected", "6f1c9a52-3b7e-4d1a-9f0e-2a4b8c6d0e1f", 100, 15000,
                        1048576, 60000, "1.2.3", null),
                new ConnectionMessage(7, 1732680000000L, "disconnected", null, -1, -1, -1, -1, null, "server_shutdown"),
                new ConnectionMessage(-1, -1, "error", null, -1, -1, -1, -1, null, null),
                new SubscriptionRequest(7, SubscriptionAction.SUBSCRIBE, List.of(EVM, SOLANA)),
                new SubscriptionRequest(-1, SubscriptionAction.UNSUBSCRIBE, List.of("not an address")),
                new SubscriptionResponse(3, 1732680000000L, SubscriptionAction.SUBSCRIBE, List.of(EVM, SOLANA), "success", 7,
                        2, List.of(new RejectedToken("xyz", ErrorCode.INVALID_TOKEN_ADDRESS, "bad address"),
                                new RejectedToken("abc", ErrorCode.SUBSCRIPTION_LIMIT, null))),
                new SubscriptionResponse(4, 1732680000001L, SubscriptionAction.UNSUBSCRIBE, List.of(), "error", -1, -1,
                        List.of()),
                new TokenUpdateMessage(4, 1732680000000L, FULL),
                new TokenUpdateMessage(-1, -1, MINIMAL),
                new TokenBatchMessage(5, 1732680000000L, List.of(FULL, MINIMAL)),
                new TokenBatchMessage(-1, -1, List.of(MINIMAL)),
                new ErrorMessage(6, 1732680000000L, ErrorCode.INVALID_MESSAGE, "human readable", ErrorLevel.ERROR, 8, -1),
                new ErrorMessage(2, 1732680000000L, ErrorCode.CONNECTION_LIMIT, "full", ErrorLevel.FATAL, -1, 5000),
                new ErrorMessage(-1, -1, ErrorCode.INTERNAL_ERROR, null, ErrorLevel.FATAL, -1, -1),
                new HeartbeatMessage(9, 1732680000000L),
                new HeartbeatMessage(-1, -1),
                new HeartbeatMessage(10, 1732680000000L, 4),
                new ResumeRequest(1, "6f1c9a52-3b7e-4d1a-9f0e-2a4b8c6d0e1f", 41),
                new ResumeRequest(-1, "old", 0),
                new ResumeResponse(2, 1732680000000L, "success", "6f1c9a52-3b7e-4d1a-9f0e-2a4b8c6d0e1f", 1, 3, List.of(EVM),
                        null),
                new ResumeResponse(2, 1732680000000L, "error", null, -1, -1, List.of(), ErrorCode.RESUME_UNAVAILABLE),
                new AckRequest(12, 40),
                new AckRequest(-1, 0),
                new PingRequest(3),
                new PingRequest(-1),
                new IngestAckMessage(12, 1732680000000L, 44, 998, 1,
                        List.of(new RejectedUpdate(17, "bad", ErrorCode.INVALID_DECIMAL, "price is not a decimal"),
                                new RejectedUpdate(18, null, ErrorCode.INVALID_TOKEN_ADDRESS, null))),
                new IngestAckMessage(13, 1732680000000L, -1, 0, 0, List.of()));
    }
}
