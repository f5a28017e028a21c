package io.tokenfeed.sdk;

import io.tokenfeed.protocol.TokenData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records everything a client tells its listeners, for tests to read from their own thread. */
final class Recorder implements UpdateListener, StateListener, ErrorListener, GapListener
{
    final List<TokenData> updates = new CopyOnWriteArrayList<>();
    final List<StateChange> changes = new CopyOnWriteArrayList<>();
    final List<ClientError> errors = new CopyOnWriteArrayList<>();
    final List<Gap> gaps = new CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> versions = new ConcurrentHashMap<>();

    @Override
    public void onUpdate(final TokenData update)
    {
        updates.add(update);
        versions.computeIfAbsent(update.address(), a -> new CopyOnWriteArrayList<>()).add(update.version());
    }

    @Override
    public void onStateChange(final StateChange change)
    {
        changes.add(change);
    }

    @Override
    public void onError(final ClientError error)
    {
        errors.add(error);
    }

    @Override
    public void onGap(final Gap gap)
    {
        gaps.add(gap);
    }

    /** Every version delivered for the token, in delivery order. */
    List<Long> versions(final String address)
    {
        return List.copyOf(versions.getOrDefault(address, List.of()));
    }

    long latest(final String address)
    {
        final List<Long> delivered = versions(address);
        return delivered.isEmpty() ? 0 : delivered.get(delivered.size() - 1);
    }

    boolean allAt(final List<String> addresses, final long version)
    {
        return addresses.stream().allMatch(a -> latest(a) == version);
    }

    List<ConnectionState> states()
    {
        final List<ConnectionState> states = new ArrayList<>();
        for (final StateChange change : changes)
        {
            states.add(change.current());
        }
        return states;
    }

    /** Wires every listener of a subscriber builder to this recorder. */
    SubscriberBuilder attach(final SubscriberBuilder builder)
    {
        return builder.onUpdate(this).onStateChange(this).onError(this).onGap(this);
    }
}
