package org.opencontrail.web.deploy.sandbox.console;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.shared.json.ForeignJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running builds' consoles as Zuul and Jenkins serve them, at the wire, on loopback: Zuul's
 * console-stream websocket ({@code /zuul/api/tenant/T/console-stream}: the client's first frame
 * names the build and log file, text frames of about 1 KB that split lines anywhere, more as it is
 * written, close 1000 "No more data" at its end, 4000 for a bad request, 4011 for a build it cannot
 * stream) and Jenkins' progressive text ({@code /jenkins/job/JOB/BUILD/logText/progressiveText?start=N}:
 * the bytes from N, {@code X-Text-Size}, {@code X-More-Data: true} while the build runs). It counts
 * the connections each build's console was asked for.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    /** Text frames as long as Zuul's streamer sends them. */
    static final int FRAME = 1024;

    private static final Pattern ZUUL = Pattern.compile("^/zuul/api/tenant/[^/]+/console-stream$");
    private static final Pattern JENKINS = Pattern.compile("^/jenkins/job/[^/]+/([^/]+)/logText/progressiveText$");

    private final ConsoleSource source;
    private final long pollMillis;
    private final AtomicLong connections = new AtomicLong();
    private EventLoopGroup group;
    private Channel channel;

    /** Serves {@code source}'s consoles, looking for more text every {@code pollMillis}. */
    public ConsoleServer(ConsoleSource source, long pollMillis) {
        this.source = source;
        this.pollMillis = pollMillis;
    }

    public void start(int port) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new Requests());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .sync()
                .channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Zuul's console stream, for {@code tenant}. */
    public String zuulStreamUrl(String tenant) {
        return "ws://127.0.0.1:" + port() + "/zuul/api/tenant/" + tenant + "/console-stream";
    }

    /** A Jenkins build's page, as Zuul v2 linked a running job. */
    public String jenkinsBuildUrl(String job, String uuid) {
        return "http://127.0.0.1:" + port() + "/jenkins/job/" + job + "/" + uuid + "/";
    }

    /** Connections made so far: websockets opened, and Jenkins consoles read from their start. */
    public long connections() {
        return connections.get();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Routes each request: the websocket's upgrade, Jenkins' progressive text, or 404. */
    private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
        private WebSocketServerHandshaker handshaker;

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            Matcher jenkins = JENKINS.matcher(uri.path());
            if (ZUUL.matcher(uri.path()).matches()
                    && "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
                handshaker = new WebSocketServerHandshakerFactory(
                                "ws://" + request.headers().get(HttpHeaderNames.HOST) + uri.path(), null, false)
                        .newHandshaker(request);
                if (handshaker == null) {
                    var unused = WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(context.channel());
                    return;
                }
                var unused = handshaker.handshake(context.channel(), request);
                connections.incrementAndGet();
                context.pipeline().replace(this, "zuul-stream", new ZuulStream(handshaker));
            } else if (jenkins.matches()) {
                progressiveText(context, jenkins.group(1), uri.parameters().getOrDefault("start", List.of("0")));
            } else {
                reply(context, HttpResponseStatus.NOT_FOUND, "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }

        private void progressiveText(ChannelHandlerContext context, String uuid, List<String> start) {
            Optional<ConsoleSource.Console> console = source.console(uuid);
            if (console.isEmpty()) {
                reply(context, HttpResponseStatus.NOT_FOUND, "no such build\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            long from;
            try {
                from = Math.max(0, Long.parseLong(start.get(0)));
            } catch (NumberFormatException e) {
                from = 0;
            }
            if (from == 0) {
                connections.incrementAndGet();
                LOG.info("console stream of build {} read from its start", uuid);
            }
            byte[] text = console.get().text().getBytes(StandardCharsets.UTF_8);
            int offset = (int) Math.min(from, text.length);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(text, offset, text.length - offset));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
            response.headers().set("X-Text-Size", String.valueOf(text.length));
            if (!console.get().complete()) {
                response.headers().set("X-More-Data", "true");
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, text.length - offset);
            var unused = context.writeAndFlush(response);
        }
    }

    /** One websocket: the request frame, then the console as it is written, then the close. */
    private final class ZuulStream extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final WebSocketServerHandshaker handshaker;
        private String uuid;
        private int sent;

        ZuulStream(WebSocketServerHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                var unused = handshaker.close(context.channel(), close.retain());
                return;
            }
            if (!(frame instanceof TextWebSocketFrame text) || uuid != null) {
                return; // pings are answered by the codec; later frames mean nothing to Zuul
            }
            String wanted;
            try {
                var request = ForeignJson.tree(text.text());
                wanted = request.path("uuid").asText("");
                if (wanted.isEmpty() || request.path("logfile").asText("").isEmpty()) {
                    close(context, 4000, "'uuid' and 'logfile' are required");
                    return;
                }
            } catch (java.io.IOException e) {
                close(context, 4000, "the request is not JSON");
                return;
            }
            if (source.console(wanted).isEmpty()) {
                close(context, 4011, "Build not found");
                return;
            }
            uuid = wanted;
            LOG.info("console stream of build {} opened", uuid);
            send(context);
        }

        /** What was written since the last look, in frames; again after a while, until the end. */
        private void send(ChannelHandlerContext context) {
            if (!context.channel().isActive()) {
                return;
            }
            Optional<ConsoleSource.Console> console = source.console(uuid);
            if (console.isEmpty()) {
                close(context, 4011, "Build not found");
                return;
            }
            String text = console.get().text();
            while (sent < text.length()) {
                int end = Math.min(text.length(), sent + FRAME);
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--; // a frame is whole characters
                }
                var unused = context.write(new TextWebSocketFrame(text.substring(sent, end)));
                sent = end;
            }
            context.flush();
            if (console.get().complete()) {
                close(context, 1000, "No more data");
                return;
            }
            var unused = context.executor().schedule(() -> send(context), pollMillis, TimeUnit.MILLISECONDS);
        }

        private void close(ChannelHandlerContext context, int code, String reason) {
            context.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A short answer, and the connection closed after it. */
    private static void reply(ChannelHandlerContext context, HttpResponseStatus status, byte[] body) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
