package dev.pillarbox.smtp.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Word-at-a-time ("SIMD within a register") byte searches: eight bytes are tested per step instead of one.
 *
 * <p>For a word {@code v}, {@code (v - 0x0101..01) & ~v & 0x8080..80} sets the high bit of the lowest zero
 * byte exactly; bits above it may be false positives caused by the borrow, which is why only the lowest set bit
 * (little-endian: the first byte in memory) is ever used, and the byte there is checked again.
 */
final class Swar {

    private static final VarHandle ARRAY_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BUFFER_LONGS =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SEVENS = 0x0707070707070707L;
    private static final long FIFTEENS = 0x0F0F0F0F0F0F0F0FL;

    private Swar() {
    }

    /** The index of the first CR or LF in {@code in[from, to)} (absolute indexes), or {@code to} if none. */
    static int indexOfCrOrLf(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            int off = in.arrayOffset();
            return indexOfCrOrLf(in.array(), from + off, to + off) - off;
        }
        int i = from;
        while (i + Long.BYTES <= to) {
            long m = candidateMask((long) BUFFER_LONGS.get(in, i));
            if (m == 0) {
                i += Long.BYTES;
                continue;
            }
            int at = i + (Long.numberOfTrailingZeros(m) >>> 3);
            byte b = in.get(at);
            if (b == '\r' || b == '\n') {
                return at;
            }
            i = at + 1;
        }
        for (; i < to; i++) {
            byte b = in.get(i);
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return to;
    }

    /** The index of the first CR or LF in {@code a[from, to)}, or {@code to} if none. */
    static int indexOfCrOrLf(byte[] a, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long m = candidateMask((long) ARRAY_LONGS.get(a, i));
            if (m == 0) {
                i += Long.BYTES;
                continue;
            }
            int at = i + (Long.numberOfTrailingZeros(m) >>> 3);
            byte b = a[at];
            if (b == '\r' || b == '\n') {
                return at;
            }
            i = at + 1;
        }
        for (; i < to; i++) {
            byte b = a[i];
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return to;
    }

    /**
     * Flags bytes 0x08-0x0F: {@code b | 0x07 == 0x0F} exactly for those, a superset of CR (0x0D) and LF (0x0A)
     * that costs one zero-byte test instead of two. The few other bytes it flags (mostly HTAB) are rejected by
     * the caller, which then searches on.
     */
    private static long candidateMask(long w) {
        long v = (w | SEVENS) ^ FIFTEENS;
        return (v - ONES) & ~v & HIGHS;
    }
}
