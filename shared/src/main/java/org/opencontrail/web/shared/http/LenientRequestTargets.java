package org.opencontrail.web.shared.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Puts {@link RequestTargets#lenient} between the HTTP decoder and the server, on every
 * connection of every site: the request line is mended before Micronaut parses it.
 */
@Singleton
final class LenientRequestTargets implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final String NAME = "opencontrail-lenient-request-target";

    private final ChannelHandler mender = new Mender();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null, mender));
        return event.getBean();
    }

    /** Adds the handler once a connection's HTTP/1 pipeline is built. */
    private record PerConnection(Channel channel, ChannelHandler mender) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new PerConnection(channel, mender);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null
                    && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, NAME, mender);
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class Mender extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                request.setUri(RequestTargets.lenient(request.uri()));
            }
            context.fireChannelRead(message);
        }
    }
}
