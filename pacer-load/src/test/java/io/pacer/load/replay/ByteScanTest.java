package io.pacer.load.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time search finds exactly what a byte-by-byte loop finds, on every alignment and byte value. */
class ByteScanTest {

    @Test
    void agreesWithAPlainLoopOnRandomBytes() {
        Random random = new Random(20261124);
        byte[] alphabet = {
            '\n', ',', '"', 'a', 0, 1, 9, 10 + (byte) 0x80, (byte) 0x80, (byte) 0xFF, (byte) 0x8A, (byte) 0xAC
        };
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);

            assertThat(ByteScan.indexOf(b, from, to, ByteScan.lanes('\n')))
                    .as("round %d", round)
                    .isEqualTo(plain(b, from, to, (byte) '\n', (byte) '\n'));
            assertThat(ByteScan.indexOfEither(b, from, to, ByteScan.lanes(','), ByteScan.lanes('"')))
                    .as("round %d", round)
                    .isEqualTo(plain(b, from, to, (byte) ',', (byte) '"'));
        }
    }

    private static int plain(byte[] b, int from, int to, byte first, byte second) {
        for (int i = from; i < to; i++) {
            if (b[i] == first || b[i] == second) {
                return i;
            }
        }
        return -1;
    }
}
