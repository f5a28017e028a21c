package io.tokenfeed.sdk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Opens nothing: records each attempt and hands out a {@link FakeLink}; the test plays the server's part. */
final class FakeConnector implements Connector
{
    final List<FakeLink> links = new ArrayList<>();
    final List<Long> attemptsAtNs = new ArrayList<>();
    /** When set, every attempt is refused at once with it, as the JDK refuses a header it will never send. */
    RuntimeException refuseWith;
    private final ManualClock clock;

    FakeConnector(final ManualClock clock)
    {
        this.clock = clock;
    }

    @Override
    public Link connect(final long linkId, final ConnectSpec spec, final Consumer<Inbound> sink)
    {
        attemptsAtNs.add(clock.nanoTime());
        if (refuseWith != null)
        {
            throw refuseWith;
        }
        final FakeLink link = new FakeLink(linkId);
        links.add(link);
        return link;
    }

    FakeLink current()
    {
        return links.get(links.size() - 1);
    }
}
