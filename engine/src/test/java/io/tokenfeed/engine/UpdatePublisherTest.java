package io.tokenfeed.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tokenfeed.protocol.Message;
import io.tokenfeed.protocol.SubscriptionAction;
import io.tokenfeed.protocol.SubscriptionRequest;
import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.protocol.TokenUpdateMessage;
import io.tokenfeed.protocol.Volume;
import java.time.Duration;
import java.util.List;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/** A publisher bug must never leave a claimed slot unpublished: the ring would stall for every consumer. */
class UpdatePublisherTest
{
    private static final String TOKEN = String.format("0x%040x", 5);

    @Test
    void shouldKeepTheRingFlowingWhenAnUpdateCannotBeWritten()
    {
        try (TokenFeedEngine engine = new TokenFeedEngine(EngineConfig.defaults().withSimulator(false, 1, 5000),
            SystemEpochClock.INSTANCE, new SystemNanoClock()))
        {
            engine.start();
            final RecordingChannel channel = new RecordingChannel("c");
            final int connectionId = engine.ingress().nextConnectionId();
            engine.ingress().connectionOpened(connectionId, channel);
            engine.ingress().request(connectionId, 1, SubscriptionCommand.resolve(
                new SubscriptionRequest(1, SubscriptionAction.SUBSCRIBE, List.of(TOKEN)), engine.tokens()));
            final int tokenId = engine.tokens().intern(TOKEN);
            final TokenData tooLong = update("1" + "0".repeat(64));

            assertThatThrownBy(() -> engine.publisher().tryPublish(tokenId, tooLong, 1L)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.publisher().tryPublishAll(new int[] {tokenId, tokenId}, List.of(update("1"), tooLong), 1L))
                .isInstanceOf(IllegalArgumentException.class);
            assertThat(engine.publisher().tryPublish(tokenId, update("2.5"), 1L)).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> channel.messages().stream().anyMatch(m -> m instanceof TokenUpdateMessage));
            final List<Message> updates = channel.messages().stream().filter(m -> m instanceof TokenUpdateMessage).toList();
            assertThat(updates).singleElement().satisfies(m -> assertThat(((TokenUpdateMessage)m).data().price()).isEqualTo("2.5"));
        }
    }

    private static TokenData update(final String price)
    {
        return new TokenData(TOKEN, price, "1", new Volume("1", "1", "1"), -1, -1, false, false);
    }
}
