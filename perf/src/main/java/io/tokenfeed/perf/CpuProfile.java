package io.tokenfeed.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import one.profiler.AsyncProfiler;

/**
 * A CPU flame graph (async-profiler, HTML) of the recorded seconds of a run. In this process when the server is
 * embedded (the graph then shows the harness's threads too, one tower per thread); for a server the harness starts in
 * another process ({@code compare}) as an agent argument, written when that process exits. The native library ships in
 * the perf jar (Maven artifact {@code tools.profiler:async-profiler}) and is extracted to a temporary file.
 */
final class CpuProfile implements AutoCloseable
{
    /** CPU samples every millisecond; {@code cpu} falls back to a timer where perf_events are not allowed. */
    private static final String START = "start,event=cpu,interval=1ms,threads";
    private final AsyncProfiler profiler;
    private final String htmlPath;

    private CpuProfile(final AsyncProfiler profiler, final String htmlPath)
    {
        this.profiler = profiler;
        this.htmlPath = htmlPath;
    }

    /** Starts sampling this process now. */
    static CpuProfile start(final String htmlPath)
    {
        final AsyncProfiler profiler = AsyncProfiler.getInstance(library().toString());
        execute(profiler, START);
        return new CpuProfile(profiler, htmlPath);
    }

    /** The JVM option that profiles a process the harness starts, from its start to its exit. */
    static String agentOption(final String htmlPath)
    {
        return "-agentpath:" + library() + "=" + START + ",file=" + Path.of(htmlPath).toAbsolutePath();
    }

    /** Stops sampling and writes the flame graph, and the same samples as collapsed stacks beside it (for scripts). */
    @Override
    public void close()
    {
        final Path html = Path.of(htmlPath).toAbsolutePath();
        execute(profiler, "stop,file=" + html);
        execute(profiler, "collapsed,file=" + html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html?$", "")
            + ".collapsed.txt"));
    }

    private static void execute(final AsyncProfiler profiler, final String command)
    {
        try
        {
            profiler.execute(command);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("async-profiler: " + command, ex);
        }
    }

    private static Path library()
    {
        final String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        final String resource = "/linux-" + (arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "x64") + "/libasyncProfiler.so";
        try (InputStream in = CpuProfile.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("async-profiler has no library for this platform (" + resource + ")");
            }
            final Path library = Files.createTempFile("libasyncProfiler", ".so");
            library.toFile().deleteOnExit();
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return library;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not extract async-profiler", ex);
        }
    }
}
