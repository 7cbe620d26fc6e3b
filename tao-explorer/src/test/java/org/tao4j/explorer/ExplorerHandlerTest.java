package org.tao4j.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The explorer handler in a real Jetty server, in front of a stand-in for the RPC handler. */
class ExplorerHandlerTest {

    static Server server;
    static int port;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        Handler rest = new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(HttpStatus.IM_A_TEAPOT_418);
                response.write(
                        true,
                        java.nio.ByteBuffer.wrap(
                                ("next:" + request.getMethod() + " " + Request.getPathInContext(request))
                                        .getBytes(StandardCharsets.UTF_8)),
                        callback);
                return true;
            }
        };
        server.setHandler(new Handler.Sequence(new ExplorerHandler(), rest));
        server.start();
        port = c.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        method.equals("POST")
                                ? HttpRequest.BodyPublishers.ofString("{}")
                                : HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageAtTheRootWithItsAssets() throws Exception {
        HttpResponse<String> page = send("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).hasValue(ExplorerHandler.CSP);
        assertThat(page.body()).contains("<script src=\"/explorer/app.js\"></script>");
        for (String asset : ExplorerHandler.ASSETS) {
            HttpResponse<String> a = send("GET", "/explorer/" + asset);
            assertThat(a.statusCode()).as(asset).isEqualTo(200);
            assertThat(a.headers().firstValue("content-type")).hasValue(ExplorerHandler.type(asset));
            assertThat(a.body()).isNotEmpty();
        }
        assertThat(send("GET", "/explorer/app.js").body()).contains("chain_subscribeNewHeads");
    }

    @Test
    void leavesRpcAndOtherPathsToTheNextHandler() throws Exception {
        HttpResponse<String> post = send("POST", "/");
        assertThat(post.statusCode()).isEqualTo(418);
        assertThat(post.body()).isEqualTo("next:POST /");
        assertThat(send("GET", "/health").body()).isEqualTo("next:GET /health");
        assertThat(send("GET", "/metrics").body()).isEqualTo("next:GET /metrics");
    }

    @Test
    void refusesUnknownFilesAndPathsOutsideTheAssetSet() throws Exception {
        for (String path : new String[] {
            "/explorer/nope.js",
            "/explorer/%2e%2e/ExplorerHandler.class",
            "/explorer/",
            "/explorer/assets/app.js",
            "/explorer/org/tao4j/explorer/ExplorerHandler.class"
        }) {
            HttpResponse<String> r = send("GET", path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("<project").doesNotContain("next:");
        }
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> r = send("HEAD", "/explorer/app.css");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }
}
