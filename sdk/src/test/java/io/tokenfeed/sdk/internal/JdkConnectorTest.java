package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JDK connector's own refusals: thrown at once, so that the client fails instead of retrying forever. */
class JdkConnectorTest
{
    @Test
    void shouldThrowAtOnceWhenTheHttpClientRefusesAHeaderValue()
    {
        final List<Inbound> events = new ArrayList<>();
        final ConnectSpec spec = new ConnectSpec(URI.create("ws://127.0.0.1:1/api/v1/ws/ingest"),
            Map.of("Authorization", "Bearer key\n"), Duration.ofSeconds(1), 16, 1 << 20, new ManualClock());

        assertThatThrownBy(() -> new JdkConnector().connect(1, spec, events::add)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Authorization").hasMessageNotContaining("key");
        assertThat(events).as("not reported as a failed attempt, which would be retried").isEmpty();
    }
}
