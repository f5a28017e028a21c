package io.tokenfeed.perf.jmh;

import io.tokenfeed.protocol.IngestDecodeResult;
import io.tokenfeed.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The codec on the ingest edge: one publisher {@code token_batch} of 100 updates decoded and validated (an IO thread's
 * work per ingest message). The edge builds message objects, so it allocates; the figure says how much per update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IngestDecodeBenchmark
{
    private final JsonCodec codec = new JsonCodec();
    private byte[] batch;

    @Setup
    public void setUp()
    {
        final StringBuilder json = new StringBuilder("{\"type\":\"token_batch\",\"sequence\":1,\"data\":{\"updates\":[");
        for (int i = 0; i < 100; i++)
        {
            json.append(i == 0 ? "" : ",").append(String.format("{\"address\":\"0x%040x\",\"price\":\"%d.25\",\"marketCap\":\"1000000\","
                + "\"volume\":{\"h24\":\"30\",\"h1\":\"2\",\"m5\":\"1\"},\"version\":%d}", 0xfeed_0000_0000L + i, 1000 + i, 5 + i));
        }
        batch = json.append("]}}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public IngestDecodeResult decodeBatchOf100()
    {
        return codec.decodeIngest(batch, batch.length);
    }
}
