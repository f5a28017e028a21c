package io.tokenfeed.sdk.cli;

import io.tokenfeed.sdk.PublishRejection;
import io.tokenfeed.sdk.PublishResult;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outcome of a {@code publish} run, counted as answers come: lines are counted by the reading thread, answers on
 * the publisher's thread, hence the atomics. Rejections and failures are reported on standard error at once, naming
 * their line, so nothing is kept per line.
 */
final class PublishTally
{
    private final PrintWriter err;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();

    PublishTally(final PrintWriter err)
    {
        this.err = err;
    }

    void published()
    {
        published.incrementAndGet();
    }

    void unreadable()
    {
        unreadable.incrementAndGet();
    }

    /** One line's answer: its result, or why it has none. */
    void settled(final int lineNumber, final PublishResult result, final Throwable error)
    {
        if (error != null)
        {
            final Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            err.println("line " + lineNumber + ": not published: " + cause.getMessage());
            failed.incrementAndGet();
            return;
        }
        acknowledged.addAndGet(result.acknowledged());
        for (final PublishRejection rejection : result.rejected())
        {
            err.println("line " + lineNumber + ": rejected " + rejection.code() + ": " + rejection.message());
            rejected.incrementAndGet();
        }
    }

    /** Lines whose answer never came, even after the publisher was closed. */
    void unanswered(final int lines)
    {
        err.println(lines + " updates got no answer");
        failed.addAndGet(lines);
    }

    boolean allPublished()
    {
        return rejected.get() + failed.get() + unreadable.get() == 0;
    }

    String summary()
    {
        return "published " + published.get() + " updates: " + acknowledged.get() + " acknowledged, " + rejected.get() + " rejected, "
            + failed.get() + " failed, " + unreadable.get() + " unreadable lines";
    }
}
