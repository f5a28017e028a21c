package io.tokenfeed.sdk.internal;

import io.tokenfeed.sdk.ClientClock;
import io.tokenfeed.sdk.ClientError;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client's one thread. It takes events (from the connections) and commands (from the application) off its inbox in
 * arrival order and runs the timers in between, with a timed poll that wakes at the next deadline. Everything the
 * client owns is touched here and nowhere else.
 *
 * <p>Commands are accepted until the client reaches a final state; after that {@link #execute} refuses them, and those
 * that were already queued still run (so that, for example, a publish that raced with close is failed, not lost).
 *
 * <p>However the thread ends, the client ends in a final state: if something escaped (a bug, an interrupt, an error no
 * listener guard could stop), the thread takes the client to {@code FAILED} on its way out, so that no caller waits
 * forever for a state or a future.
 */
public final class ClientLoop implements Consumer<Inbound>
{
    /** The longest the thread sleeps without a deadline: a bound on how late a clock that jumped is noticed. */
    private static final long MAX_IDLE_NS = 1_000_000_000L;
    /** Events handled between two timer runs under a flood, so that timers (acks, the watchdog) are never starved. */
    private static final int MAX_EVENTS_PER_TURN = 256;
    private static final System.Logger LOG = System.getLogger("io.tokenfeed.sdk");

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final ClientClock clock;
    private final Thread thread;
    private ConnectionManager manager;
    private Listeners listeners;
    private boolean accepting = true;

    /**
     * @param clock the client clock
     * @param threadName the thread's name
     */
    public ClientLoop(final ClientClock clock, final String threadName)
    {
        this.clock = clock;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Starts the thread; the manager opens the first connection on it.
     *
     * @param connectionManager the state machine the thread drives
     * @param clientListeners told if the thread itself fails
     */
    public void start(final ConnectionManager connectionManager, final Listeners clientListeners)
    {
        synchronized (this)
        {
            this.manager = connectionManager;
            this.listeners = clientListeners;
        }
        thread.start();
    }

    /** Connections post their events here, from any thread. */
    @Override
    public void accept(final Inbound event)
    {
        inbox.add(event);
    }

    /**
     * Runs a command on the client thread, after everything queued before it.
     *
     * @param command what to run
     * @return false when the client has reached a final state: the command will never run
     */
    public synchronized boolean execute(final Runnable command)
    {
        if (!accepting || (manager != null && manager.isEnding()))
        {
            return false;
        }
        inbox.add(command);
        return true;
    }

    /**
     * @param timeoutMs how long to wait
     * @return true when the thread has ended; false at once when called on the client thread itself
     * @throws InterruptedException when the caller is interrupted
     */
    public boolean join(final long timeoutMs) throws InterruptedException
    {
        if (Thread.currentThread() == thread)
        {
            return false;
        }
        thread.join(timeoutMs);
        return !thread.isAlive();
    }

    /**
     * @return true when called on the client thread
     */
    public boolean onClientThread()
    {
        return Thread.currentThread() == thread;
    }

    private void run()
    {
        String ending = "the client thread ended";
        try
        {
            manager.start(clock.nanoTime());
            while (!manager.isTerminal())
            {
                final long waitNs = Math.min(manager.onTimer(clock.nanoTime()), MAX_IDLE_NS);
                Object next = waitNs > 0 ? inbox.poll(waitNs, TimeUnit.NANOSECONDS) : inbox.poll();
                int handled = 0;
                while (next != null)
                {
                    handle(next);
                    if (++handled == MAX_EVENTS_PER_TURN || manager.isTerminal())
                    {
                        break;
                    }
                    next = inbox.poll();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            ending = "the client thread was interrupted";
        }
        catch (final Throwable ex)
        {
            ending = "the client thread failed: " + ex;
            LOG.log(System.Logger.Level.ERROR, "the tokenfeed client thread failed", ex);
            // Reporting may itself throw (an error listener's VirtualMachineError): the finally still ends the client.
            listeners.error(ClientError.local(ending, ex));
        }
        finally
        {
            endClient(ending);
            drainAfterEnd();
        }
    }

    /** Whatever brought the thread here, the client leaves it in a final state, its futures failed. */
    private void endClient(final String reason)
    {
        try
        {
            manager.abandon(reason);
        }
        catch (final Throwable ex)
        {
            LOG.log(System.Logger.Level.ERROR, "the tokenfeed client could not be ended cleanly", ex);
        }
    }

    private void handle(final Object item)
    {
        if (item instanceof Inbound event)
        {
            manager.onInbound(event, clock.nanoTime());
        }
        else
        {
            ((Runnable)item).run();
        }
    }

    /** Commands queued before the end still run: each sees the final state and fails its request cleanly. */
    private void drainAfterEnd()
    {
        synchronized (this)
        {
            accepting = false;
        }
        for (Object item = inbox.poll(); item != null; item = inbox.poll())
        {
            if (item instanceof Runnable command)
            {
                try
                {
                    command.run();
                }
                catch (final Throwable ex)
                {
                    LOG.log(System.Logger.Level.WARNING, "a command failed after the client ended", ex);
                }
            }
        }
    }
}
