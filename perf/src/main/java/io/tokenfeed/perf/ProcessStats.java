package io.tokenfeed.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, from {@code /proc} (Linux). */
public record ProcessStats(long cpuNs, long rssBytes)
{
    /** Kernel clock ticks per second: 100 on Linux unless the kernel was built otherwise. */
    private static final long TICKS_PER_SECOND = 100;

    /** @return null when {@code /proc} is not there (not Linux) */
    public static ProcessStats of(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces), counted from field 3.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rssKb = 0;
            for (final String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new ProcessStats(ticks * 1_000_000_000L / TICKS_PER_SECOND, rssKb * 1024);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
