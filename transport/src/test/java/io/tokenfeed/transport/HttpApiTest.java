package io.tokenfeed.transport;

import static io.tokenfeed.transport.TestServers.evm;
import static io.tokenfeed.transport.TestServers.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiTest
{
    private static TokenFeedServer server;

    @BeforeAll
    static void start()
    {
        server = TestServers.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static HttpResponse<String> get(final String path) throws Exception
    {
        return TestServers.get(server, path);
    }

    @Test
    void shouldListTokensMostRecentlyUpdatedFirstAndReadOne() throws Exception
    {
        final String first = evm(0xD1);
        final String second = "0x" + "D2".repeat(20);
        publish(server, first, "1.25");
        publish(server, second.toLowerCase(), "2.5");

        final HttpResponse<String> one = get("/api/v1/tokens/" + second);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(one.body()).startsWith("{\"address\":\"" + second.toLowerCase() + "\",\"price\":\"2.5\"").contains("\"version\":1");

        final HttpResponse<String> list = get("/api/v1/tokens?limit=2");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).startsWith("{\"count\":2,\"tokens\":[{\"address\":\"" + second.toLowerCase() + "\"");
        assertThat(list.body()).contains(first);
    }

    @Test
    void shouldAnswerUnknownAndInvalidTokensWithErrorJson() throws Exception
    {
        final HttpResponse<String> unknown = get("/api/v1/tokens/" + evm(0xDEAD));
        assertThat(unknown.body()).doesNotContain("retryAfterMs");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"type\":\"error\"").contains("\"level\":\"error\"");

        final HttpResponse<String> invalid = get("/api/v1/tokens/xyz");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"code\":\"INVALID_TOKEN_ADDRESS\"");

        for (final String limit : new String[] {"0", "1001", "abc", "-5"})
        {
            final HttpResponse<String> badLimit = get("/api/v1/tokens?limit=" + limit);
            assertThat(badLimit.statusCode()).as(limit).isEqualTo(400);
            assertThat(badLimit.body()).contains("\"code\":\"INVALID_MESSAGE\"");
        }

        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldReportHealth() throws Exception
    {
        final HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }
}
