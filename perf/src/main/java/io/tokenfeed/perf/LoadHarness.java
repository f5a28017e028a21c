package io.tokenfeed.perf;

import io.tokenfeed.perf.client.SubscriberLoop;
import io.tokenfeed.transport.TokenFeedServer;
import io.tokenfeed.transport.config.ConfigKey;
import io.tokenfeed.transport.config.TokenFeedConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The end-to-end load harness: N subscriber connections (one selector thread), one publisher feeding the ingest
 * endpoint on a fixed schedule, every delivery checked and timed from its intended send time. Against a running server
 * ({@code --target=host:port --key=... --server-pid=...}) or one it starts in this process (no {@code --target}).
 *
 * <pre>
 * java -jar perf/target/tokenfeed-perf.jar --scenario=spec --assert=true --json=spec.json
 * </pre>
 */
public final class LoadHarness
{
    /** The harness's token addresses start here (see {@link TokenPlan}). */
    static final long TOKEN_BASE = 0xfeed_0000_0000L;
    private static final long SETTLE_NS = 10_000_000_000L;
    private static final int MAX_STRESS_STEPS = 8;
    private static final long STRESS_TOKEN_STRIDE = 1L << 32;
    /** A publisher further behind its schedule than this did not hold the rate. */
    static final long MAX_PUBLISHER_LAG_NS = 10_000_000L;

    private LoadHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HarnessOptions options = HarnessOptions.parse(args);
        if ("stress".equals(options.scenario()))
        {
            stress(options);
            System.exit(0);
        }
        if ("compare".equals(options.scenario()))
        {
            System.out.print(Comparison.run(options));
            System.exit(0);
        }
        if ("snapshot-storm".equals(options.scenario()) || "connections".equals(options.scenario()))
        {
            System.out.print(runOther(options));
            System.exit(0);
        }
        final Report report = run(options);
        System.out.print(report.text());
        if (options.jsonPath() != null)
        {
            Files.writeString(Path.of(options.jsonPath()), report.json());
        }
        if (options.htmlPath() != null)
        {
            Files.writeString(Path.of(options.htmlPath()), PercentilePlot.html("tokenfeed " + options.scenario() + ": "
                + options.connections() + " connections, " + options.rate() + " updates/s", report.corrected(), report.uncorrected()));
        }
        final List<String> failures = report.budgetFailures();
        if (options.assertBudget())
        {
            System.out.println(failures.isEmpty() ? "spec budget: PASSED" : "spec budget: FAILED — " + String.join("; ", failures));
            System.exit(failures.isEmpty() ? 0 : 1);
        }
        System.exit(0);
    }

    public static Report run(final HarnessOptions options) throws IOException
    {
        final boolean embedded = options.target() == null;
        try (TokenFeedServer server = embedded ? TokenFeedServer.start(embeddedConfig(options)) : null)
        {
            final InetSocketAddress address = embedded ? new InetSocketAddress("127.0.0.1", server.port()) : parse(options.target());
            final long pid = embedded ? ProcessHandle.current().pid() : options.serverPid();
            return run(options, address, embedded, pid, TOKEN_BASE);
        }
    }

    /** One stream run against a server already listening (another process, {@code pid} for its CPU and memory). */
    static Report runAgainst(final HarnessOptions options, final InetSocketAddress address, final long pid) throws IOException
    {
        return run(options, address, false, pid, TOKEN_BASE);
    }

    /** The scenarios that are not a timed stream: {@code snapshot-storm} and {@code connections}. */
    static String runOther(final HarnessOptions options) throws IOException
    {
        final boolean embedded = options.target() == null;
        try (TokenFeedServer server = embedded ? TokenFeedServer.start(embeddedConfig(options)) : null)
        {
            final InetSocketAddress address = embedded ? new InetSocketAddress("127.0.0.1", server.port()) : parse(options.target());
            final long pid = embedded ? ProcessHandle.current().pid() : options.serverPid();
            return "snapshot-storm".equals(options.scenario()) ? SnapshotStorm.run(options, address, TOKEN_BASE)
                : IdleConnections.run(options, address, pid, embedded);
        }
    }

    /**
     * The stress scenario: runs at the given rate, then twice that, and so on, against one server, until a run fails the
     * budget or the publisher cannot hold the rate; prints each step and the highest rate that passed.
     */
    public static List<Report> stress(final HarnessOptions options) throws IOException
    {
        final boolean embedded = options.target() == null;
        final List<Report> steps = new ArrayList<>();
        try (TokenFeedServer server = embedded ? TokenFeedServer.start(embeddedConfig(options)) : null)
        {
            final InetSocketAddress address = embedded ? new InetSocketAddress("127.0.0.1", server.port()) : parse(options.target());
            final long pid = embedded ? ProcessHandle.current().pid() : options.serverPid();
            Report passed = null;
            for (int step = 0; step < MAX_STRESS_STEPS; step++)
            {
                // Each step its own tokens: the server keeps versions, so a new step must not reuse them.
                final Report report = run(options.withRate(options.rate() << step), address, embedded, pid,
                    TOKEN_BASE + (step + 1L) * STRESS_TOKEN_STRIDE);
                steps.add(report);
                System.out.print(report.text());
                System.out.println(report.budgetFailures().isEmpty() ? "step passed" : "step failed: "
                    + String.join("; ", report.budgetFailures()));
                if (!report.budgetFailures().isEmpty())
                {
                    break;
                }
                passed = report;
            }
            System.out.println(passed == null ? "stress: no rate passed"
                : String.format(Locale.ROOT, "stress: highest passing rate %d updates/s = %.0f deliveries/s, p99 %.2f ms",
                    passed.options().rate(), passed.deliveriesPerSecond(), passed.corrected().getValueAtPercentile(99) / 1000.0));
        }
        return steps;
    }

    private static Report run(final HarnessOptions options, final InetSocketAddress address, final boolean embedded, final long pid,
        final long tokenBase) throws IOException
    {
        final TokenPlan plan = new TokenPlan(options, tokenBase);
        final int batches = IngestPublisher.batchesFor(options, options.warmupSeconds() + options.seconds());
        final AtomicLongArray batchSentNs = new AtomicLongArray(batches);
        final DeliveryRecorder recorder = new DeliveryRecorder(plan, options, batchSentNs);
        final SubscriberLoop subscribers = SubscriberLoop.open(address, options.connections(), options.subscriptions(), plan,
            options.stalled(), options.ackEvery(), recorder, 120_000);
        try (IngestPublisher publisher = new IngestPublisher(address, plan, options, batchSentNs))
        {
            final long startNs = System.nanoTime() + 100_000_000L;
            recorder.start(startNs);
            final long recordFromNs = startNs + options.warmupSeconds() * 1_000_000_000L;
            final Thread sampler = Thread.currentThread();
            final ProcessStats[] cpu = new ProcessStats[4];
            final CpuProfile[] profile = new CpuProfile[1];
            final long self = ProcessHandle.current().pid();
            final Thread cpuSampler = new Thread(() ->
            {
                LockSupport.parkNanos(recordFromNs - System.nanoTime());
                cpu[0] = pid > 0 ? ProcessStats.of(pid) : null;
                cpu[2] = ProcessStats.of(self);
                profile[0] = embedded && options.profilePath() != null ? CpuProfile.start(options.profilePath()) : null;
            }, "perf-cpu-sampler");
            cpuSampler.start();
            final long published = publisher.run(startNs, batches);
            final ProcessStats end = pid > 0 ? ProcessStats.of(pid) : null;
            cpu[3] = ProcessStats.of(self);
            joinQuietly(cpuSampler, sampler);
            cpu[1] = end;
            if (profile[0] != null)
            {
                profile[0].close();
            }
            final long expected = recorder.expected(published);
            final long settleDeadline = System.nanoTime() + SETTLE_NS;
            while (recorder.deliveries() < expected && System.nanoTime() < settleDeadline)
            {
                LockSupport.parkNanos(10_000_000L);
            }
            subscribers.close(); // stops its thread: the recorder is then safe to read here
            recorder.finish(published, options.connections());
            final double recordedSeconds = (System.nanoTime() - recordFromNs) / 1e9;
            final long cpuNs = cpu[0] != null && cpu[1] != null ? cpu[1].cpuNs() - cpu[0].cpuNs() : -1;
            final long harnessCpuNs = cpu[2] != null && cpu[3] != null && !embedded ? cpu[3].cpuNs() - cpu[2].cpuNs() : -1;
            return new Report(options, embedded, published, publisher.accepted(), publisher.refusedBatches(), expected,
                recorder.deliveries(), Math.min(recordedSeconds, options.seconds()), recorder.corrected(), recorder.uncorrected(),
                recorder.missing(), recorder.duplicates(), recorder.gaps(), subscribers.errors(), publisher.maxLagNs(),
                publisher.heldRate(), cpuNs, harnessCpuNs,
                cpu[1] != null ? cpu[1].rssBytes() : -1, HeapUsage.of(pid));
        }
        finally
        {
            subscribers.close();
        }
    }

    /** The embedded server: simulator off, limits sized to the run, the harness's key accepted. */
    static TokenFeedConfig embeddedConfig(final HarnessOptions options)
    {
        final String connections = Integer.toString(options.connections() + options.stalled() + 10);
        return TokenFeedConfig.defaults()
            .with(ConfigKey.SERVER_HOST, "127.0.0.1")
            .with(ConfigKey.SERVER_PORT, "0")
            .with(ConfigKey.SIMULATOR_ENABLED, "false")
            .with(ConfigKey.AUTH_PUBLISHER_KEYS, options.publisherKey())
            .with(ConfigKey.LIMITS_MAX_CONNECTIONS, connections)
            .with(ConfigKey.LIMITS_MAX_CONNECTIONS_PER_IP, connections)
            .with(ConfigKey.LIMITS_MAX_SUBSCRIPTIONS, Integer.toString(options.subscriptions()))
            .with(ConfigKey.LIMITS_CLIENT_MESSAGES_PER_SECOND, "10000");
    }

    private static InetSocketAddress parse(final String target)
    {
        final int colon = target.lastIndexOf(':');
        return new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }

    private static void joinQuietly(final Thread thread, final Thread caller)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            caller.interrupt();
        }
    }
}
