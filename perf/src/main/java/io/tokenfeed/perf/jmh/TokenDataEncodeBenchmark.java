package io.tokenfeed.perf.jmh;

import io.tokenfeed.engine.encode.TokenDataEncoder;
import io.tokenfeed.engine.ring.PipelineEvent;
import io.tokenfeed.engine.ring.PipelineEventFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Stage 2: one token update's {@code data} JSON written into the slot, once per update. Must show 0 B/op with -prof gc. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenDataEncodeBenchmark
{
    private final byte[] address = "0x00000000000000000000000000000000deadbeef".getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer encoded = new UnsafeBuffer(ByteBuffer.allocateDirect(TokenDataEncoder.MAX_ENCODED_LENGTH));
    private PipelineEvent event;
    private long version;

    @Setup
    public void setUp()
    {
        event = new PipelineEventFactory(1).newInstance();
        event.resetAsUpdate(7, 1, 1_732_680_000_000L, 0);
        event.field(PipelineEvent.PRICE, "67234.123456789");
        event.field(PipelineEvent.MARKET_CAP, "1324567890123.55");
        event.field(PipelineEvent.VOLUME_H24, "35123456789.12");
        event.field(PipelineEvent.VOLUME_H1, "1234567890.5");
        event.field(PipelineEvent.VOLUME_M5, "98765432.1");
    }

    @Benchmark
    public int encode()
    {
        event.resetAsUpdate(7, ++version, 1_732_680_000_000L, 0);
        return TokenDataEncoder.encode(event, address, encoded);
    }
}
