package io.tokenfeed.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The settings both builders share, checked when set. */
class ClientBuilderTest
{
    @Test
    void shouldTrimTheApiKeyWhenItWasReadWithATrailingNewline()
    {
        final PublisherBuilder builder = TokenFeedPublisher.builder().uri("ws://127.0.0.1:1/api/v1/ws/ingest").apiKey("  dev-key\n");

        assertThat(builder.connectionOptions("test").headers()).containsEntry("Authorization", "Bearer dev-key");
    }

    @Test
    void shouldRefuseAnApiKeyAnHttpHeaderCannotCarryWithoutQuotingIt()
    {
        assertThatThrownBy(() -> TokenFeedSubscriber.builder().apiKey("secret\nvalue"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("index 6")
            .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> TokenFeedSubscriber.builder().apiKey("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenFeedSubscriber.builder().apiKey(" \n")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("blank");
    }

    @Test
    void shouldSendNoKeyWhenNoneIsGiven()
    {
        final SubscriberBuilder builder = TokenFeedSubscriber.builder().uri("ws://127.0.0.1:1/api/v1/ws/token-data").apiKey(null);

        assertThat(builder.connectionOptions("test").headers()).isEmpty();
    }
}
