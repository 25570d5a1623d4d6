package io.jfastdfs.image;

import java.io.IOException;
import java.util.Arrays;
import javax.imageio.stream.ImageInputStream;

/** The formats the resizer decodes and re-encodes, recognised by their leading bytes (never by extension). */
enum ImageFormat {
    PNG("png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
    JPEG("jpeg", new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff});

    /** The javax.imageio format name. */
    final String imageIoName;
    private final byte[] magic;

    ImageFormat(String imageIoName, byte[] magic) {
        this.imageIoName = imageIoName;
        this.magic = magic;
    }

    /** The format {@code in} starts with, or null; {@code in} is left at position 0. */
    static ImageFormat detect(ImageInputStream in) throws IOException {
        byte[] head = new byte[8];
        in.seek(0);
        int n = 0;
        while (n < head.length) {
            int r = in.read(head, n, head.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        in.seek(0);
        for (ImageFormat f : values()) {
            if (n >= f.magic.length && Arrays.equals(head, 0, f.magic.length, f.magic, 0, f.magic.length)) {
                return f;
            }
        }
        return null;
    }
}
