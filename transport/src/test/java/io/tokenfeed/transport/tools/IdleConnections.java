package io.tokenfeed.transport.tools;

import io.tokenfeed.transport.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A measuring tool, not a test: opens N WebSocket connections that each read their greeting and then stay idle (the
 * kernel answers nothing; pings are left unanswered, so keep the server's heartbeat interval above the measuring
 * window), prints "open N" and holds them until killed. Raw sockets keep the client's own cost out of the way.
 *
 * <pre>
 * java -cp ... io.tokenfeed.transport.tools.IdleConnections port connections
 * </pre>
 */
public final class IdleConnections
{
    private IdleConnections()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int port = Integer.parseInt(args[0]);
        final int connections = Integer.parseInt(args[1]);
        final List<RawWebSocket> open = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++)
        {
            final RawWebSocket ws = new RawWebSocket(port, "/api/v1/ws/token-data");
            ws.next();
            open.add(ws);
        }
        System.out.println("open " + open.size());
        new CountDownLatch(1).await();
    }
}
