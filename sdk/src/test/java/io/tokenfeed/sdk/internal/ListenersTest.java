package io.tokenfeed.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenfeed.protocol.TokenData;
import io.tokenfeed.sdk.ClientError;
import io.tokenfeed.sdk.ConnectionState;
import io.tokenfeed.sdk.StateChange;
import io.tokenfeed.sdk.UpdateListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Application listeners that throw: reported, and never allowed to stop the client or each other. */
class ListenersTest
{
    private static final String A = "0x" + "a".repeat(40);
    private static final String B = "0x" + "b".repeat(40);
    private static final String C = "0x" + "c".repeat(40);

    private final List<ClientError> errors = new ArrayList<>();
    private final List<TokenData> seen = new ArrayList<>();
    private final ConnectionCounters counters = new ConnectionCounters();

    @Test
    void shouldReportAnErrorThrownByAnUpdateListenerAndStillCallTheNextListener()
    {
        final Listeners listeners = listeners(update ->
        {
            throw new AssertionError("a test's assertion in a listener");
        }, seen::add);

        listeners.update(ServerMessages.data(A, 1));

        assertThat(seen).hasSize(1);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.cause()).isInstanceOf(AssertionError.class));
    }

    @Test
    void shouldDeliverTheRestOfABatchWhenOnUpdateThrowsForOneEntryAndOnBatchIsNotOverridden()
    {
        final Listeners listeners = listeners(update ->
        {
            if (update.address().equals(A))
            {
                throw new IllegalStateException("cannot take " + update.address());
            }
            seen.add(update);
        });

        listeners.batch(List.of(ServerMessages.data(A, 1), ServerMessages.data(B, 1), ServerMessages.data(C, 1)));

        assertThat(seen).extracting(TokenData::address).containsExactly(B, C);
        assertThat(errors).hasSize(1);
    }

    @Test
    void shouldHandAWholeBatchToAListenerThatOverridesOnBatch()
    {
        final List<List<TokenData>> batches = new ArrayList<>();
        final Listeners listeners = listeners(new UpdateListener()
        {
            @Override
            public void onUpdate(final TokenData update)
            {
                seen.add(update);
            }

            @Override
            public void onBatch(final List<TokenData> updates)
            {
                batches.add(updates);
            }
        });

        listeners.batch(List.of(ServerMessages.data(A, 1), ServerMessages.data(B, 1)));

        assertThat(batches).singleElement().satisfies(b -> assertThat(b).hasSize(2));
        assertThat(seen).isEmpty();
    }

    @Test
    void shouldGoOnWhenAStateOrErrorListenerThrowsAnError()
    {
        final List<StateChange> changes = new ArrayList<>();
        final Listeners listeners = new Listeners(List.of(change ->
        {
            throw new AssertionError("state");
        }, changes::add), List.of(error ->
        {
            throw new AssertionError("error");
        }, errors::add), List.of(), List.of(), counters);

        listeners.state(new StateChange(null, ConnectionState.CONNECTING, "starting"));

        assertThat(changes).hasSize(1);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).contains("state listener threw"));
    }

    @Test
    void shouldLetAVirtualMachineErrorGoUp()
    {
        final Listeners listeners = listeners(update ->
        {
            throw new OutOfMemoryError("simulated");
        });

        assertThatThrownBy(() -> listeners.update(ServerMessages.data(A, 1))).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void shouldTellALambdaFromAListenerThatOverridesOnBatch()
    {
        final UpdateListener lambda = seen::add;
        final UpdateListener overriding = new UpdateListener()
        {
            @Override
            public void onUpdate(final TokenData update)
            {
            }

            @Override
            public void onBatch(final List<TokenData> updates)
            {
            }
        };

        assertThat(Listeners.keepsDefaultOnBatch(lambda)).isTrue();
        assertThat(Listeners.keepsDefaultOnBatch(overriding)).isFalse();
    }

    private Listeners listeners(final UpdateListener... updateListeners)
    {
        return new Listeners(List.of(), List.of(errors::add), List.of(), List.of(updateListeners), counters);
    }
}
