package io.tokenfeed.perf;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code compare} scenario: the same run against tokenfeed, the naive fan-out baseline and the raw NIO floor, each
 * in its own process started from this jar, one after another in one invocation, so the result is a set of ratios on
 * whatever machine runs it.
 */
final class Comparison
{
    private static final int PORT = 18_090;
    private static final long START_TIMEOUT_NS = 30_000_000_000L;

    private Comparison()
    {
    }

    static String run(final HarnessOptions options) throws IOException
    {
        final String capacity = Integer.toString(options.connections() + options.stalled() + 20);
        final List<String[]> servers = List.of(
            new String[] {"tokenfeed", "io.tokenfeed.transport.Main", "--server.port=" + PORT, "--simulator.enabled=false",
                "--auth.publisher-keys=" + options.publisherKey(), "--limits.client-messages-per-second=10000",
                "--limits.max-connections=" + capacity, "--limits.max-connections-per-ip=" + capacity,
                "--limits.max-subscriptions=" + options.subscriptions()},
            new String[] {"naive", "io.tokenfeed.perf.baseline.NaiveFanOutServer", Integer.toString(PORT)},
            new String[] {"raw NIO floor", "io.tokenfeed.perf.baseline.RawNioFloorServer", Integer.toString(PORT)});
        final List<Report> reports = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++)
        {
            final String[] server = servers.get(i);
            final Process process = start(server, i == 0 ? options.profilePath() : null);
            try
            {
                final Report report = LoadHarness.runAgainst(options, new InetSocketAddress("127.0.0.1", PORT), process.pid());
                System.out.print(server[0] + ": " + report.text());
                reports.add(report);
            }
            finally
            {
                process.destroy();
                waitFor(process);
            }
        }
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%ncomparison, %d connections x %d of %d tokens, %d "
            + "updates/s, %d s each:%n%-14s %9s %9s %9s %12s %16s%n", options.connections(), options.subscriptions(), options.tokens(),
            options.rate(), options.seconds(), "server", "p50 ms", "p99 ms", "p99.9 ms", "CPU us/dlv", "tokenfeed/this"));
        final double tokenfeedCpu = cpuPerDelivery(reports.get(0));
        for (int i = 0; i < reports.size(); i++)
        {
            final Report r = reports.get(i);
            out.append(String.format(Locale.ROOT, "%-14s %9.2f %9.2f %9.2f %12.2f %16s%n", servers.get(i)[0],
                r.corrected().getValueAtPercentile(50) / 1000.0, r.corrected().getValueAtPercentile(99) / 1000.0,
                r.corrected().getValueAtPercentile(99.9) / 1000.0, cpuPerDelivery(r),
                i == 0 ? "" : String.format(Locale.ROOT, "%.2fx CPU", tokenfeedCpu / cpuPerDelivery(r))));
        }
        return out.toString();
    }

    private static double cpuPerDelivery(final Report report)
    {
        return report.serverCpuNs() / 1000.0 / Math.max(1, report.corrected().getTotalCount());
    }

    /** @param profilePath where the server's flame graph goes when it exits, or null for no profile */
    private static Process start(final String[] server, final String profilePath) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator
            + "java", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        if (profilePath != null)
        {
            command.add(CpuProfile.agentOption(profilePath));
        }
        command.addAll(List.of("-cp", ownJar(), server[1]));
        command.addAll(List.of(server).subList(2, server.length));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final long deadlineNs = System.nanoTime() + START_TIMEOUT_NS;
        while (System.nanoTime() < deadlineNs)
        {
            try (Socket probe = new Socket("127.0.0.1", PORT))
            {
                probe.shutdownOutput();
                return process;
            }
            catch (final IOException notYet)
            {
                LockSupport.parkNanos(100_000_000L);
            }
        }
        process.destroyForcibly();
        throw new IOException(server[0] + " did not start listening on " + PORT);
    }

    private static String ownJar() throws IOException
    {
        try
        {
            return new File(Comparison.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        }
        catch (final URISyntaxException ex)
        {
            throw new IOException(ex);
        }
    }

    private static void waitFor(final Process process)
    {
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
