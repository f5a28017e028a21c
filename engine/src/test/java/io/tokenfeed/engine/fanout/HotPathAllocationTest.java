package io.tokenfeed.engine.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenfeed.engine.ClientChannel;
import io.tokenfeed.engine.EngineConfig;
import io.tokenfeed.engine.ring.EventType;
import io.tokenfeed.protocol.CloseCode;
import java.lang.management.ManagementFactory;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

/**
 * The data path allocates nothing: apply, encode and fan-out (store, pending marks, batching, framing, latency
 * recording) of an update, measured with the JVM's per-thread allocation counter on this thread, which runs all three
 * stages. Control events (subscribe) allocate and are done before measuring.
 */
class HotPathAllocationTest
{
    private static final int SESSIONS = 20;
    private static final int TOKENS = 200;
    private static final int UPDATES = 50_000;

    @Test
    void shouldAllocateNothingPerUpdateOnceWarm()
    {
        final StageHarness h = new StageHarness(EngineConfig.defaults().withSimulator(false, 1, 5000).withLimits(TOKENS, 1000, 1048576));
        final String[] addresses = new String[TOKENS];
        for (int i = 0; i < TOKENS; i++)
        {
            addresses[i] = FanOutHandlerTest.evm(i + 1);
        }
        final CountingChannel channel = new CountingChannel();
        for (int c = 1; c <= SESSIONS; c++)
        {
            h.control(EventType.CONNECTION_OPENED, c, -1, channel);
            h.subscribe(c, 1, addresses);
        }

        run(h, addresses, UPDATES);
        final long before = allocatedBytes();
        run(h, addresses, UPDATES);
        final long allocated = allocatedBytes() - before;

        assertThat(channel.messages).isGreaterThan(UPDATES);
        assertThat(allocated).as("bytes allocated by %d updates fanned out to %d sessions", UPDATES, SESSIONS).isLessThan(1024);
    }

    /** Mixed batch sizes: single updates and batches of up to 8 tokens, as the ring would deliver them. */
    private static void run(final StageHarness h, final String[] addresses, final int updates)
    {
        for (int i = 0; i < updates; i++)
        {
            h.update(addresses[i % addresses.length], "1234.5678", (i % 8) == (i / 8) % 8);
        }
    }

    private static long allocatedBytes()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Counts without keeping anything, so the measurement sees only the engine's allocations. */
    private static final class CountingChannel implements ClientChannel
    {
        long messages;
        long bytes;

        @Override
        public boolean sendText(final DirectBuffer buffer, final int offset, final int length)
        {
            messages++;
            bytes += length;
            return true;
        }

        @Override
        public long unsentBytes()
        {
            return 0;
        }

        @Override
        public long unsentMessages()
        {
            return 0;
        }

        @Override
        public long writtenMessages()
        {
            return messages;
        }

        /** Subscriber sessions: every message is also retained for a resume, which must not allocate either. */
        @Override
        public boolean resumable()
        {
            return true;
        }

        @Override
        public void sendPing()
        {
        }

        @Override
        public long lastReceivedMs()
        {
            return Long.MAX_VALUE;
        }

        @Override
        public void close(final CloseCode code, final String reason)
        {
        }

        @Override
        public String connectionId()
        {
            return "counting";
        }

        @Override
        public String remoteAddress()
        {
            return "test";
        }
    }
}
