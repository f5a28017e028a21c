package io.tokenfeed.perf;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java process's heap, used and committed: this process's from its memory bean, another's from
 * {@code jcmd <pid> GC.heap_info} (the JDK running the harness has {@code jcmd}). The used figure includes garbage not
 * yet collected, so it is an upper bound of the live set.
 */
public record HeapUsage(long usedBytes, long committedBytes)
{
    /** {@code jcmd}'s first heap line: "garbage-first heap   total 262144K, used 123456K [...". */
    private static final Pattern HEAP_LINE = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final HeapUsage UNKNOWN = new HeapUsage(-1, -1);

    /** @return {@link #UNKNOWN} (-1, -1) when the process is not a JVM this user can attach to, or jcmd is missing */
    public static HeapUsage of(final long pid)
    {
        if (pid <= 0)
        {
            return UNKNOWN;
        }
        if (pid == ProcessHandle.current().pid())
        {
            final MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return new HeapUsage(heap.getUsed(), heap.getCommitted());
        }
        try
        {
            final Process jcmd = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "jcmd",
                Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            final String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(10, TimeUnit.SECONDS))
            {
                jcmd.destroyForcibly();
                return UNKNOWN;
            }
            final Matcher heap = HEAP_LINE.matcher(output);
            return heap.find() ? new HeapUsage(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024) : UNKNOWN;
        }
        catch (final IOException ex)
        {
            return UNKNOWN;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }
}
