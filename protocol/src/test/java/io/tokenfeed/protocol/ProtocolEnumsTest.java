package io.tokenfeed.protocol;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolEnumsTest {
    @Test
    void shouldRoundTripWireNamesWhenTypeIsKnown() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.fromWireName(type.wireName())).isSameAs(type);
            assertThat(type.wireName()).isEqualTo(type.name().toLowerCase());
        }
        for (ErrorLevel level : ErrorLevel.values()) {
            assertThat(ErrorLevel.fromWireName(level.wireName())).isSameAs(level);
        }
        for (SubscriptionAction action : SubscriptionAction.values()) {
            assertThat(SubscriptionAction.fromWireName(action.wireName())).isSameAs(action);
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.fromWireName(code.name())).isSameAs(code);
        }
    }

    @Test
    void shouldReturnNullWhenWireNameIsUnknown() {
        assertThat(MessageType.fromWireName("TOKEN_UPDATE")).isNull();
        assertThat(MessageType.fromWireName(null)).isNull();
        assertThat(ErrorLevel.fromWireName("Fatal")).isNull();
        assertThat(SubscriptionAction.fromWireName("sub")).isNull();
        assertThat(ErrorCode.fromWireName("invalid_message")).isNull();
        assertThat(ErrorCode.fromWireName(null)).isNull();
        assertThat(CloseCode.fromCode(1002)).isNull();
    }

    @Test
    void shouldMatchProtocolTableWhenCodeIsFatal() {
        assertThat(ErrorCode.RATE_LIMIT_ABUSE.closeCode()).isEqualTo(CloseCode.POLICY_VIOLATION);
        assertThat(ErrorCode.MESSAGE_TOO_LARGE.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        assertThat(ErrorCode.CONNECTION_LIMIT.closeCode()).isEqualTo(CloseCode.TRY_AGAIN_LATER);
        assertThat(ErrorCode.UNAUTHORIZED.closeCode()).isEqualTo(CloseCode.POLICY_VIOLATION);
        assertThat(ErrorCode.SLOW_CONSUMER.closeCode()).isEqualTo(CloseCode.SLOW_CONSUMER);
        assertThat(ErrorCode.HEARTBEAT_TIMEOUT.closeCode()).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT);
        assertThat(ErrorCode.INTERNAL_ERROR.closeCode()).isEqualTo(CloseCode.INTERNAL_ERROR);
        for (ErrorCode code : EnumSet.of(ErrorCode.RATE_LIMIT_ABUSE, ErrorCode.MESSAGE_TOO_LARGE,
                ErrorCode.CONNECTION_LIMIT, ErrorCode.UNAUTHORIZED, ErrorCode.SLOW_CONSUMER)) {
            assertThat(code.defaultLevel()).as(code.name()).isEqualTo(ErrorLevel.FATAL);
        }
    }

    @Test
    void shouldNotCloseWhenCodeIsNeverFatal() {
        EnumSet<ErrorCode> neverFatal = EnumSet.of(ErrorCode.INVALID_MESSAGE, ErrorCode.UNKNOWN_MESSAGE_TYPE,
                ErrorCode.INVALID_TOKEN_ADDRESS, ErrorCode.INVALID_DECIMAL, ErrorCode.SUBSCRIPTION_LIMIT,
                ErrorCode.BATCH_TOO_LARGE, ErrorCode.RATE_LIMITED, ErrorCode.RESUME_UNAVAILABLE, ErrorCode.OVERLOADED);
        for (ErrorCode code : neverFatal) {
            assertThat(code.closeCode()).as(code.name()).isNull();
            assertThat(code.defaultLevel()).as(code.name()).isNotEqualTo(ErrorLevel.FATAL);
        }
        assertThat(ErrorCode.RATE_LIMITED.defaultLevel()).isEqualTo(ErrorLevel.WARNING);
        assertThat(ErrorCode.RESUME_UNAVAILABLE.defaultLevel()).isEqualTo(ErrorLevel.WARNING);
    }

    @Test
    void shouldForbidReconnectWhenCodeIsUnauthorizedOnly() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.doNotReconnect()).as(code.name()).isEqualTo(code == ErrorCode.UNAUTHORIZED);
        }
    }

    @Test
    void shouldCarryRetryAfterWhenProtocolSaysSo() {
        EnumSet<ErrorCode> withRetry = EnumSet.noneOf(ErrorCode.class);
        for (ErrorCode code : ErrorCode.values()) {
            if (code.hasRetryAfter()) {
                withRetry.add(code);
            }
        }
        assertThat(withRetry).containsExactlyInAnyOrder(ErrorCode.CONNECTION_LIMIT, ErrorCode.OVERLOADED,
                ErrorCode.RATE_LIMITED, ErrorCode.SLOW_CONSUMER);
    }

    @Test
    void shouldMatchProtocolWhenCloseCodesAreNumbered() {
        assertThat(CloseCode.NORMAL.code()).isEqualTo(1000);
        assertThat(CloseCode.GOING_AWAY.code()).isEqualTo(1001);
        assertThat(CloseCode.POLICY_VIOLATION.code()).isEqualTo(1008);
        assertThat(CloseCode.MESSAGE_TOO_BIG.code()).isEqualTo(1009);
        assertThat(CloseCode.INTERNAL_ERROR.code()).isEqualTo(1011);
        assertThat(CloseCode.TRY_AGAIN_LATER.code()).isEqualTo(1013);
        assertThat(CloseCode.HEARTBEAT_TIMEOUT.code()).isEqualTo(4000);
        assertThat(CloseCode.SLOW_CONSUMER.code()).isEqualTo(4001);
        for (CloseCode code : CloseCode.values()) {
            assertThat(CloseCode.fromCode(code.code())).isSameAs(code);
        }
    }

    @Test
    void shouldListEveryCodeOfTheProtocolWhenEnumerated() {
        assertThat(EnumSet.allOf(ErrorCode.class)).extracting(Enum::name).containsExactlyInAnyOrder(
                "INVALID_MESSAGE", "UNKNOWN_MESSAGE_TYPE", "INVALID_TOKEN_ADDRESS", "INVALID_DECIMAL",
                "SUBSCRIPTION_LIMIT", "BATCH_TOO_LARGE", "RATE_LIMITED", "RATE_LIMIT_ABUSE", "MESSAGE_TOO_LARGE",
                "CONNECTION_LIMIT", "UNAUTHORIZED", "RESUME_UNAVAILABLE", "SLOW_CONSUMER", "HEARTBEAT_TIMEOUT",
                "OVERLOADED", "INTERNAL_ERROR");
    }
}
