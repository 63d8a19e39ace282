package dev.pillarbox.smtp.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How a test hands its input to the decoder: all at once, one byte per read, or in random slices (seeded, so a
 * failure reproduces). Every decoder test runs under all three, so that no result depends on how reads split.
 */
enum Feeder {
    WHOLE,
    ONE_BYTE,
    RANDOM_SPLITS;

    /** The reads {@code input} arrives in. */
    List<byte[]> slices(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        switch (this) {
            case WHOLE:
                out.add(input);
                break;
            case ONE_BYTE:
                for (byte b : input) {
                    out.add(new byte[] {b});
                }
                break;
            default:
                Random random = new Random(Arrays.hashCode(input));
                int at = 0;
                while (at < input.length) {
                    int n = Math.min(input.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
                    out.add(Arrays.copyOfRange(input, at, at + n));
                    at += n;
                }
        }
        return out;
    }
}
