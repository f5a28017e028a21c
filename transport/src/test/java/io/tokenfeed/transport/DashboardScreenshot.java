package io.tokenfeed.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A screenshot of a running server's dashboard after it has been open for a while, in real time (Chromium's virtual
 * time would distort the per-second rates): how docs/dashboard-under-load.png was made, with the spec load running.
 *
 * <pre>
 * java -cp transport/target/test-classes:$(cat cp.txt) io.tokenfeed.transport.DashboardScreenshot http://127.0.0.1:8080/ shot.png 20
 * </pre>
 */
public final class DashboardScreenshot
{
    private DashboardScreenshot()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path log = Files.createTempFile("chromium", ".log");
        try (HeadlessChromium chromium = HeadlessChromium.launch(log))
        {
            chromium.navigate(args[0]);
            // The page charts what it has seen since it opened: give it the seconds to fill its charts.
            LockSupport.parkNanos(Duration.ofSeconds(Long.parseLong(args[2])).toNanos());
            chromium.screenshot(Path.of(args[1]));
        }
        System.exit(0);
    }
}
