package io.tokenfeed.engine.simulator;

import com.lmax.disruptor.EventTranslatorTwoArg;
import io.tokenfeed.engine.ring.PipelineEvent;
import java.util.Random;
import org.agrona.MutableDirectBuffer;

/**
 * One simulated token's market: a multiplicative random walk of the price, a fixed supply (market cap is always
 * {@code floor(price * supply)} to the cent) and h24/h1/m5 volumes that decay with their window and grow with each
 * simulated trade, so {@code h24 >= h1 >= m5} always holds. Owned by the simulator thread.
 */
final class SimulatedToken
{
    static final int PRICE_SCALE = 8;
    static final int CENT_SCALE = 2;
    private static final long MIN_PRICE_UNITS = 100;
    private static final long MAX_PRICE_UNITS = 10_000_000_000_000L;
    private static final long PRICE_UNITS_PER_CENT_DIVISOR = 1_000_000;
    private static final double H24_MS = 86_400_000;
    private static final double H1_MS = 3_600_000;
    private static final double M5_MS = 300_000;
    private static final double VOLATILITY = 0.002;
    /** Keeps volumes far from overflow at any interval; a cap applied to all windows keeps their order. */
    private static final long MAX_VOLUME_CENTS = 100_000_000_000_000_000L;

    /**
     * Steps the token and writes its new state into a claimed ring slot. Stepping here, only once a slot is claimed,
     * means a refused publish leaves the market untouched, so a seed replays the same paths under backpressure too.
     * Static and non-capturing: publishing allocates nothing.
     */
    static final EventTranslatorTwoArg<PipelineEvent, SimulatedToken, StepClock> TRANSLATOR = (event, sequence, token, clock) ->
    {
        token.step(clock.random, clock.nowMs, clock.nowNs);
        token.writeTo(event);
    };

    /** The simulator's current duty cycle: its random source and clock readings, reused, never allocated per update. */
    static final class StepClock
    {
        final Random random;
        long nowMs;
        long nowNs;

        StepClock(final Random random)
        {
            this.random = random;
        }
    }

    final int tokenId;
    final String address;
    final long supply;
    private long priceUnits;
    private long volumeH24Cents;
    private long volumeH1Cents;
    private long volumeM5Cents;
    private long lastUpdateMs;
    private long publishNs;

    SimulatedToken(final int tokenId, final String address, final Random random, final long intervalMs, final long startMs)
    {
        this.tokenId = tokenId;
        this.address = address;
        this.supply = 1_000_000L + (long)(random.nextDouble() * 9_999_000_000L);
        this.priceUnits = Math.max(MIN_PRICE_UNITS, (long)(Math.pow(10, -6 + random.nextDouble() * 9) * 100_000_000L));
        final double tradeCents = meanTradeCents();
        this.volumeH24Cents = capped(tradeCents * H24_MS / intervalMs);
        this.volumeH1Cents = capped(tradeCents * H1_MS / intervalMs);
        this.volumeM5Cents = capped(tradeCents * M5_MS / intervalMs);
        this.lastUpdateMs = startMs;
    }

    /** Advances the market to {@code nowMs}: one price step and one trade. */
    void step(final Random random, final long nowMs, final long nowNs)
    {
        final double move = 1 + VOLATILITY * random.nextGaussian();
        priceUnits = Math.min(MAX_PRICE_UNITS, Math.max(MIN_PRICE_UNITS, (long)(priceUnits * move)));
        final double elapsedMs = Math.max(0, nowMs - lastUpdateMs);
        final long tradeCents = (long)(meanTradeCents() * 2 * random.nextDouble());
        volumeH24Cents = capped(volumeH24Cents * Math.exp(-elapsedMs / H24_MS) + tradeCents);
        volumeH1Cents = capped(volumeH1Cents * Math.exp(-elapsedMs / H1_MS) + tradeCents);
        volumeM5Cents = capped(volumeM5Cents * Math.exp(-elapsedMs / M5_MS) + tradeCents);
        lastUpdateMs = nowMs;
        publishNs = nowNs;
    }

    /** Market cap in cents: price * supply, split so the product of 8-decimal price and supply cannot overflow. */
    long marketCapCents()
    {
        final long whole = priceUnits / 100_000_000L;
        final long fraction = priceUnits % 100_000_000L;
        return whole * supply * 100 + fraction * supply / PRICE_UNITS_PER_CENT_DIVISOR;
    }

    long priceUnits()
    {
        return priceUnits;
    }

    private static long capped(final double cents)
    {
        return (long)Math.min(MAX_VOLUME_CENTS, cents);
    }

    private double meanTradeCents()
    {
        return Math.max(100, marketCapCents() * 1e-5);
    }

    private void writeTo(final PipelineEvent event)
    {
        event.resetAsUpdate(tokenId, PipelineEvent.ABSENT, lastUpdateMs, publishNs);
        final MutableDirectBuffer fields = event.fieldsForWrite();
        writeField(event, fields, PipelineEvent.PRICE, priceUnits, PRICE_SCALE);
        writeField(event, fields, PipelineEvent.MARKET_CAP, marketCapCents(), CENT_SCALE);
        writeField(event, fields, PipelineEvent.VOLUME_H24, volumeH24Cents, CENT_SCALE);
        writeField(event, fields, PipelineEvent.VOLUME_H1, volumeH1Cents, CENT_SCALE);
        writeField(event, fields, PipelineEvent.VOLUME_M5, volumeM5Cents, CENT_SCALE);
    }

    private static void writeField(
        final PipelineEvent event, final MutableDirectBuffer fields, final int field, final long units, final int scale)
    {
        event.fieldLength(field, DecimalFormatter.write(units, scale, fields, field * PipelineEvent.FIELD_CAPACITY));
    }
}
