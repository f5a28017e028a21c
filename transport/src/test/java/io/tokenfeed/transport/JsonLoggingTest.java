package io.tokenfeed.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.dslplatform.json.DslJson;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code logging.format=json}: the real {@code Main} in its own process, with the shipped configuration, logs JSON lines. */
class JsonLoggingTest
{
    @Test
    void shouldLogOneJsonObjectPerLineWhenTheFormatIsJson() throws Exception
    {
        final Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", mainClasspath(), Main.class.getName(),
            "--logging.format=json", "--server.port=0", "--server.host=127.0.0.1", "--simulator.enabled=false")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start(); // JVM warnings on stderr are not log lines
        final List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                lines.add(line);
                if (line.contains("listening on"))
                {
                    break;
                }
            }
        }
        finally
        {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(lines).as("the server's output").isNotEmpty().last().asString().contains("listening on");
        final DslJson<Object> json = new DslJson<>();
        for (final String line : lines)
        {
            assertThat(parse(json, line)).as(line).containsKeys("timestamp", "level", "threadName", "loggerName", "formattedMessage");
        }
        assertThat(parse(json, lines.get(lines.size() - 1))).containsEntry("loggerName", "io.tokenfeed.transport.TokenFeedServer")
            .containsEntry("level", "INFO");
    }

    /** The module's runtime classpath without the test classes: the shipped logback configurations, not logback-test.xml. */
    private static String mainClasspath()
    {
        final String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(final DslJson<Object> json, final String line) throws java.io.IOException
    {
        final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return json.deserialize(Map.class, bytes, bytes.length);
    }
}
