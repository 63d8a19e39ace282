package dev.pillarbox.smtp.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Netty's {@link LineBasedFrameDecoder} with its {@code decode} method opened up, so the benchmark can call it
 * directly on a {@link ByteBuf} without a pipeline (it uses the context only to report an over-long frame).
 */
final class NettyLineSplitter extends LineBasedFrameDecoder {

    NettyLineSplitter(int maxLength) {
        super(maxLength, true, false);
    }

    /** The next line without its line ending, or null when the buffer holds no complete line. */
    Object next(ByteBuf in) throws Exception {
        return decode(null, in);
    }
}
