package io.tokenfeed.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthHandlerTest
{
    @Test
    void shouldEscapeQuotesBackslashesAndControlCharactersWhenAReasonCarriesThem()
    {
        assertThat(HealthHandler.escape("p99 \"slow\" \\ path\nnext\t")).isEqualTo("p99 \\\"slow\\\" \\\\ path\\u000anext\\u0009");
        assertThat(HealthHandler.escape("latency_budget_exceeded: p99 120.5 ms > 100 ms")).isEqualTo(
            "latency_budget_exceeded: p99 120.5 ms > 100 ms");
    }
}
