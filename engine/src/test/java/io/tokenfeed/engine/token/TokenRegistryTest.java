package io.tokenfeed.engine.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenRegistryTest
{
    private static String evm(final int i)
    {
        return String.format("0x%040x", i);
    }

    @Test
    void shouldRefuseNewAddressesOnceFullAndStillFindKnownOnes()
    {
        final TokenRegistry registry = new TokenRegistry(3);
        for (int i = 0; i < 3; i++)
        {
            assertThat(registry.intern(evm(i))).isEqualTo(i);
        }

        assertThat(registry.intern(evm(99))).isEqualTo(TokenRegistry.FULL);
        assertThat(registry.intern(evm(1))).isEqualTo(1);
        assertThat(registry.lookup(evm(2))).isEqualTo(2);
        assertThat(registry.lookup(evm(99))).isEqualTo(TokenRegistry.UNKNOWN);
        assertThat(registry.address(2)).isEqualTo(evm(2));
        assertThat(new String(registry.addressBytes(2), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(evm(2));
        assertThat(registry.size()).isEqualTo(3);
    }

    @Test
    void shouldGiveDistinctDenseIdsUnderConcurrentInterning() throws Exception
    {
        final TokenRegistry registry = new TokenRegistry(100_000);
        final List<String> addresses = IntStream.range(0, 20_000).mapToObj(TokenRegistryTest::evm).collect(Collectors.toList());
        final ConcurrentLinkedQueue<int[]> results = new ConcurrentLinkedQueue<>();
        final CyclicBarrier start = new CyclicBarrier(4);
        final Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++)
        {
            threads[t] = new Thread(() ->
            {
                final int[] ids = new int[addresses.size()];
                try
                {
                    start.await();
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
                for (int i = 0; i < ids.length; i++)
                {
                    ids[i] = registry.intern(addresses.get(i));
                }
                results.add(ids);
            });
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }

        final int[] first = results.peek();
        assertThat(results).allSatisfy(ids -> assertThat(ids).isEqualTo(first));
        final Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < first.length; i++)
        {
            distinct.add(first[i]);
            assertThat(registry.address(first[i])).isEqualTo(addresses.get(i));
        }
        assertThat(distinct).hasSize(addresses.size()).allSatisfy(id -> assertThat(id).isBetween(0, addresses.size() - 1));
        assertThat(registry.size()).isEqualTo(addresses.size());
    }
}
