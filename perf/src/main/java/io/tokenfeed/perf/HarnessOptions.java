package io.tokenfeed.perf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the load harness, from {@code --key=value} arguments.
 *
 * @param connections       subscriber connections
 * @param subscriptions     tokens each connection follows
 * @param tokens            tokens the publisher updates, round-robin
 * @param rate              updates per second, on a fixed schedule (open loop)
 * @param batch             updates per {@code token_batch} sent to the ingest endpoint
 * @param warmupSeconds     published but not recorded
 * @param seconds           recorded
 * @param target            {@code host:port} of a running server, or null to start one in this process
 * @param publisherKey      the ingest API key
 * @param serverPid         the server's process id, for CPU and RSS (0: this process, when the server is embedded)
 * @param assertBudget      exit non-zero unless p99 is under {@code p99BudgetMs} with nothing missing, duplicated or gapped
 * @param p99BudgetMs       the spec budget, 100 ms
 * @param jsonPath          where to write the JSON report, or null
 * @param htmlPath          where to write the HDR percentile plot (HTML with inline SVG), or null
 * @param scenario          {@code spec}, {@code slow-consumer} (spec plus stalled clients) or {@code stress} (rising rate)
 * @param stalled           extra connections that subscribe and never read
 * @param distribution      how connections pick their tokens: {@code uniform} (every token followed by the same number of
 *                          connections) or {@code zipf} (token of rank r followed with probability proportional to
 *                          1/r^s: a few hot tokens followed by most connections, as on a real market)
 * @param zipfExponent      s of the Zipf distribution
 * @param ackEvery          each connection acknowledges after this many messages, as the SDK does (0: never; the server then
 *                          keeps up to {@code delivery.resume-buffer-bytes} per session for a replay)
 * @param profilePath       where to write an async-profiler CPU flame graph (HTML) of the server over the recorded
 *                          seconds, or null
 */
public record HarnessOptions(
    int connections,
    int subscriptions,
    int tokens,
    int rate,
    int batch,
    int warmupSeconds,
    int seconds,
    String target,
    String publisherKey,
    long serverPid,
    boolean assertBudget,
    long p99BudgetMs,
    String jsonPath,
    String htmlPath,
    String scenario,
    int stalled,
    String distribution,
    double zipfExponent,
    int ackEvery,
    String profilePath)
{
    public static final List<String> DISTRIBUTIONS = List.of("uniform", "zipf");
    public static final List<String> SCENARIOS = List.of("spec", "slow-consumer", "stress", "snapshot-storm", "connections", "compare");

    public HarnessOptions
    {
        require(connections > 0 && subscriptions > 0 && tokens > 0, "connections, subscriptions and tokens must be > 0");
        require(subscriptions <= tokens, "subscriptions must be <= tokens");
        require(rate > 0 && batch > 0 && batch <= 1000, "rate must be > 0 and batch in 1..1000");
        require(seconds > 0 && warmupSeconds >= 0, "seconds must be > 0");
        require(SCENARIOS.contains(scenario), "unknown scenario: " + scenario + " (known: " + SCENARIOS + ")");
        require(stalled >= 0, "stalled must be >= 0");
        require(DISTRIBUTIONS.contains(distribution), "unknown distribution: " + distribution + " (known: " + DISTRIBUTIONS + ")");
        require(zipfExponent > 0, "zipf-exponent must be > 0");
        require(ackEvery >= 0, "ack-every must be >= 0");
        require(profilePath == null || target == null, "--profile profiles a server the harness runs (no --target); start an external "
            + "server with the -agentpath option of docs/performance.md instead");
    }


    /** The {@code spec} scenario of the specification: 1,000 connections x 100 of 10,000 tokens, each updated every 5 s. */
    public static HarnessOptions spec()
    {
        return new HarnessOptions(1000, 100, 10_000, 2000, 100, 10, 60, null, "perf-harness", 0, false, 100, null, null, "spec", 0,
            "uniform", 1.0, 100, null);
    }

    /**
     * A named scenario's defaults: {@code spec}; {@code slow-consumer} adds 10 clients that never read (the healthy
     * clients' figures should not move); {@code stress} runs 15 s steps from the given rate, doubling, until the budget
     * fails; {@code snapshot-storm} subscribes every connection at once to tokens that all have state;
     * {@code connections} opens 10,000 idle connections and reports the server's memory per connection; {@code compare}
     * runs the spec load against tokenfeed and both baselines, each in its own process, in one invocation.
     */
    public static HarnessOptions scenario(final String name)
    {
        final HarnessOptions s = spec();
        return switch (name)
        {
            case "spec" -> s;
            case "compare" -> s.variant(name, s.connections, s.subscriptions, s.batch, s.warmupSeconds, s.seconds, 0);
            case "slow-consumer" -> s.variant(name, s.connections, s.subscriptions, s.batch, s.warmupSeconds, s.seconds, 10);
            case "stress" -> s.variant(name, s.connections, s.subscriptions, s.batch, 3, 15, 0);
            case "snapshot-storm" -> s.variant(name, s.connections, s.subscriptions, 1000, 0, 1, 0);
            case "connections" -> s.variant(name, 10_000, 1, s.batch, 0, 1, 0).withTokens(1);
            default -> throw new IllegalArgumentException("unknown scenario: " + name + " (known: " + SCENARIOS + ")");
        };
    }

    private HarnessOptions variant(final String name, final int newConnections, final int newSubscriptions, final int newBatch,
        final int newWarmupSeconds, final int newSeconds, final int newStalled)
    {
        return new HarnessOptions(newConnections, newSubscriptions, tokens, rate, newBatch, newWarmupSeconds, newSeconds, null,
            publisherKey, 0, false, p99BudgetMs, null, null, name, newStalled, distribution, zipfExponent, ackEvery, null);
    }

    private HarnessOptions withTokens(final int newTokens)
    {
        return new HarnessOptions(connections, subscriptions, newTokens, rate, batch, warmupSeconds, seconds, target, publisherKey,
            serverPid, assertBudget, p99BudgetMs, jsonPath, htmlPath, scenario, stalled, distribution, zipfExponent, ackEvery,
            profilePath);
    }

    /** The same run at another rate (a step of the stress scenario). */
    public HarnessOptions withRate(final int newRate)
    {
        return new HarnessOptions(connections, subscriptions, tokens, newRate, batch, warmupSeconds, seconds, target, publisherKey,
            serverPid, assertBudget, p99BudgetMs, jsonPath, htmlPath, scenario, stalled, distribution, zipfExponent, ackEvery,
            profilePath);
    }

    /** Starts from {@link #spec()} and applies {@code --key=value} arguments (and {@code --scenario=spec}). */
    public static HarnessOptions parse(final String... args)
    {
        final Map<String, String> values = new HashMap<>();
        for (final String arg : args)
        {
            require(arg.startsWith("--") && arg.contains("="), "arguments are --key=value, got: " + arg);
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        final String scenario = values.remove("scenario");
        final HarnessOptions d = scenario(scenario == null ? "spec" : scenario);
        final HarnessOptions options = new HarnessOptions(
            intValue(values, "connections", d.connections()),
            intValue(values, "subscriptions", d.subscriptions()),
            intValue(values, "tokens", d.tokens()),
            intValue(values, "rate", d.rate()),
            intValue(values, "batch", d.batch()),
            intValue(values, "warmup", d.warmupSeconds()),
            intValue(values, "seconds", d.seconds()),
            values.remove("target"),
            values.containsKey("key") ? values.remove("key") : d.publisherKey(),
            values.containsKey("server-pid") ? Long.parseLong(values.remove("server-pid")) : 0,
            values.containsKey("assert") && Boolean.parseBoolean(values.remove("assert")),
            values.containsKey("p99-budget-ms") ? Long.parseLong(values.remove("p99-budget-ms")) : d.p99BudgetMs(),
            values.remove("json"),
            values.remove("html"),
            d.scenario(),
            intValue(values, "stalled", d.stalled()),
            values.containsKey("distribution") ? values.remove("distribution") : d.distribution(),
            values.containsKey("zipf-exponent") ? Double.parseDouble(values.remove("zipf-exponent")) : d.zipfExponent(),
            intValue(values, "ack-every", d.ackEvery()),
            values.remove("profile"));
        require(values.isEmpty(), "unknown arguments: " + values.keySet());
        return options;
    }

    private static int intValue(final Map<String, String> values, final String key, final int fallback)
    {
        final String value = values.remove(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
