package io.tokenfeed.transport;

import static org.awaitility.Awaitility.await;

import com.dslplatform.json.DslJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium} package) as a child process, driven over the DevTools protocol with the
 * JDK's WebSocket: one page target in a flattened session; JavaScript errors, failed loads and console errors of the
 * page are collected. No Selenium, no driver binary: the browser is the only thing outside the JDK.
 */
final class HeadlessChromium implements AutoCloseable
{
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final DslJson<Object> JSON = new DslJson<>();

    private final Process process;
    private final Path userDataDir;
    private final Path log;
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private String sessionId;

    private HeadlessChromium(final Process process, final Path userDataDir, final Path log)
    {
        this.process = process;
        this.userDataDir = userDataDir;
        this.log = log;
    }

    /** Starts the browser with a new profile; fails (never skips) when the package is not installed. */
    static HeadlessChromium launch(final Path log) throws IOException
    {
        if (!Files.isExecutable(BINARY))
        {
            throw new AssertionError("Headless Chromium is required by the dashboard's browser test, but " + BINARY + " is missing. "
                + ".ci/run installs it (apt-get update && apt-get install -y chromium, as root); install it the same way to run the "
                + "tests locally.");
        }
        final Path userDataDir = Files.createTempDirectory("tokenfeed-chromium-");
        Files.createDirectories(log.toAbsolutePath().getParent());
        final List<String> command = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + userDataDir, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
            "--window-size=1400,1300", "--hide-scrollbars", "--mute-audio", "about:blank");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final HeadlessChromium chromium = new HeadlessChromium(process, userDataDir, log);
        try
        {
            chromium.connect();
            return chromium;
        }
        catch (final RuntimeException | Error ex)
        {
            chromium.close();
            throw ex;
        }
    }

    /** The browser writes its port and browser target path into DevToolsActivePort once it listens. */
    private void connect()
    {
        final Path activePort = userDataDir.resolve("DevToolsActivePort");
        await("Chromium to write " + activePort + " (its output: " + log.toAbsolutePath() + ")").atMost(START_TIMEOUT)
            .pollInterval(Duration.ofMillis(100))
            .until(() ->
            {
                if (!process.isAlive())
                {
                    throw new AssertionError("Chromium exited with " + process.exitValue() + " at start-up; its output:\n" + logTail());
                }
                return Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2;
            });
        final List<String> lines = readLines(activePort);
        final URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new Listener())
            .orTimeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        final String targetId = (String)call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId");
        sessionId = (String)call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true)).get("sessionId");
        call(sessionId, "Runtime.enable", Map.of());
        call(sessionId, "Log.enable", Map.of());
        call(sessionId, "Page.enable", Map.of());
    }

    void navigate(final String url)
    {
        final Map<String, Object> result = call(sessionId, "Page.navigate", Map.of("url", url));
        if (result.get("errorText") != null)
        {
            throw new AssertionError("Chromium could not load " + url + ": " + result.get("errorText"));
        }
    }

    /** Evaluates an expression in the page that yields a JSON text, and parses that text. */
    Map<String, Object> evaluateJson(final String expression)
    {
        final Map<String, Object> response = call(sessionId, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (response.get("exceptionDetails") != null)
        {
            throw new AssertionError("the page threw evaluating " + expression + ": " + response.get("exceptionDetails"));
        }
        return parse(String.valueOf(map(response.get("result")).get("value")));
    }

    /** A PNG of the whole page, not just the window. */
    void screenshot(final Path png) throws IOException
    {
        final Map<String, Object> size = map(call(sessionId, "Page.getLayoutMetrics", Map.of()).get("cssContentSize"));
        final Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
        final Map<String, Object> shot = call(sessionId, "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode((String)shot.get("data")));
    }

    /** Uncaught exceptions, console errors and log errors (failed loads, CSP refusals) of the page, in order. */
    List<String> pageErrors()
    {
        return List.copyOf(pageErrors);
    }

    private Map<String, Object> call(final String session, final String method, final Map<String, Object> params)
    {
        return call(session, method, params, COMMAND_TIMEOUT);
    }

    private Map<String, Object> call(final String session, final String method, final Map<String, Object> params, final Duration timeout)
    {
        final int id = ids.incrementAndGet();
        final Map<String, Object> command = new LinkedHashMap<>();
        command.put("id", id);
        command.put("method", method);
        command.put("params", params);
        if (session != null)
        {
            command.put("sessionId", session);
        }
        final CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (this)
        {
            socket.sendText(write(command), true).orTimeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
        final Map<String, Object> response = answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        if (response.get("error") != null)
        {
            throw new AssertionError("DevTools " + method + " failed: " + response.get("error"));
        }
        return map(response.get("result"));
    }

    private void onMessage(final Map<String, Object> message)
    {
        final Object id = message.get("id");
        if (id != null)
        {
            final CompletableFuture<Map<String, Object>> answer = pending.remove(((Number)id).intValue());
            if (answer != null)
            {
                answer.complete(message);
            }
            return;
        }
        final Map<String, Object> params = map(message.get("params"));
        switch (String.valueOf(message.get("method")))
        {
            case "Runtime.exceptionThrown" -> pageErrors.add("exception: " + map(params.get("exceptionDetails")));
            case "Log.entryAdded" ->
            {
                final Map<String, Object> entry = map(params.get("entry"));
                if ("error".equals(entry.get("level")))
                {
                    pageErrors.add("log: " + entry.get("text") + " " + entry.getOrDefault("url", ""));
                }
            }
            case "Runtime.consoleAPICalled" ->
            {
                if ("error".equals(params.get("type")))
                {
                    pageErrors.add("console.error: " + params.get("args"));
                }
            }
            default ->
            {
            }
        }
    }

    private final class Listener implements WebSocket.Listener
    {
        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                final String text = partial.toString();
                partial.setLength(0);
                onMessage(parse(text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value)
    {
        return value == null ? Map.of() : (Map<String, Object>)value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(final String json)
    {
        try
        {
            final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            return JSON.deserialize(Map.class, bytes, bytes.length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + json, ex);
        }
    }

    private static String write(final Map<String, Object> value)
    {
        try
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            JSON.serialize(value, out);
            return out.toString(StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> readLines(final Path file)
    {
        try
        {
            return Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private String logTail()
    {
        final List<String> lines = new ArrayList<>(readLines(log));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Asks the browser to quit, then ends what is left of the processes this launch started, and removes the profile. */
    @Override
    public void close()
    {
        try
        {
            if (socket != null)
            {
                call(null, "Browser.close", Map.of(), Duration.ofSeconds(5));
            }
        }
        catch (final RuntimeException | Error ignored)
        {
            // The process is ended below either way.
        }
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            if (socket != null)
            {
                socket.abort();
            }
            deleteQuietly(userDataDir);
        }
    }

    private static void deleteQuietly(final Path dir)
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // A temporary profile left behind is harmless.
        }
    }
}
