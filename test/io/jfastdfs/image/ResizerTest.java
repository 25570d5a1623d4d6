package io.jfastdfs.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResizerTest {

    @TempDir
    Path dir;

    @Test
    void pngBothSidesGivenIsExactAndStaysPng() throws IOException {
        Path file = write("a.png", encode(picture(400, 200, false), "png"));
        BufferedImage out = decode(Resizer.resize(file, 0, -1, 100, 80, 2000, 2000), "png");
        assertEquals(100, out.getWidth());
        assertEquals(80, out.getHeight());
    }

    @Test
    void jpegIsReencodedAsRgbJpeg() throws IOException {
        Path file = write("photo.bin", encode(picture(640, 480, false), "jpg"));
        byte[] bytes = Resizer.resize(file, 0, -1, 0, 120, 2000, 2000).orElseThrow();
        assertEquals((byte) 0xff, bytes[0]);
        assertEquals((byte) 0xd8, bytes[1]);
        BufferedImage out = decode(Optional.of(bytes), "jpeg");
        assertEquals(160, out.getWidth());
        assertEquals(120, out.getHeight());
        assertFalse(out.getColorModel().hasAlpha());
        Color centre = new Color(out.getRGB(80, 60));
        assertTrue(centre.getRed() > 200 && centre.getGreen() < 60, "colour survives: " + centre);
    }

    @Test
    void oneZeroSideKeepsTheAspectRatio() throws IOException {
        Path file = write("wide.png", encode(picture(400, 100, false), "png"));
        BufferedImage out = decode(Resizer.resize(file, 0, -1, 200, 0, 2000, 2000), "png");
        assertEquals(200, out.getWidth());
        assertEquals(50, out.getHeight());
    }

    @Test
    void clampsToTheMaxima() throws IOException {
        Path file = write("c.png", encode(picture(300, 300, false), "png"));
        BufferedImage out = decode(Resizer.resize(file, 0, -1, 5000, 5000, 120, 90), "png");
        assertEquals(120, out.getWidth());
        assertEquals(90, out.getHeight());
        BufferedImage ratio = decode(Resizer.resize(file, 0, -1, 5000, 0, 120, 90), "png");
        assertEquals(90, ratio.getWidth());
        assertEquals(90, ratio.getHeight());
    }

    @Test
    void negativeSidesAreIgnored() throws IOException {
        Path file = write("n.png", encode(picture(300, 150, false), "png"));
        assertTrue(Resizer.resize(file, 0, -1, -100, -100, 2000, 2000).isEmpty());
        assertTrue(Resizer.resize(file, 0, -1, 0, 0, 2000, 2000).isEmpty());
        BufferedImage out = decode(Resizer.resize(file, 0, -1, 60, -7, 2000, 2000), "png");
        assertEquals(60, out.getWidth());
        assertEquals(30, out.getHeight());
    }

    @Test
    void sameSizeServesTheOriginal() throws IOException {
        Path file = write("s.png", encode(picture(64, 32, false), "png"));
        assertTrue(Resizer.resize(file, 0, -1, 64, 0, 2000, 2000).isEmpty());
    }

    @Test
    void pngKeepsTransparency() throws IOException {
        Path file = write("t.png", encode(picture(200, 200, true), "png"));
        BufferedImage out = decode(Resizer.resize(file, 0, -1, 50, 50, 2000, 2000), "png");
        assertTrue(out.getColorModel().hasAlpha());
        assertEquals(0, out.getRGB(1, 1) >>> 24, "corner stays transparent");
        assertEquals(255, out.getRGB(25, 25) >>> 24, "centre stays opaque");
    }

    @Test
    void largeReductionHalvesThenFinishes() throws IOException {
        Path file = write("big.jpg", encode(picture(3000, 2000, false), "jpg"));
        BufferedImage out = decode(Resizer.resize(file, 0, -1, 90, 0, 2000, 2000), "jpeg");
        assertEquals(90, out.getWidth());
        assertEquals(60, out.getHeight());
    }

    @Test
    void gifIsNotResized() throws IOException {
        Path file = write("g.png", encode(picture(100, 100, false), "gif"));
        assertTrue(Resizer.resize(file, 0, -1, 50, 50, 2000, 2000).isEmpty());
    }

    @Test
    void textAndEmptyFilesAreNotResized() throws IOException {
        Path text = write("t.jpg", "just some text, not an image".getBytes(StandardCharsets.UTF_8));
        assertTrue(Resizer.resize(text, 0, -1, 50, 50, 2000, 2000).isEmpty());
        Path empty = write("e.png", new byte[0]);
        assertTrue(Resizer.resize(empty, 0, -1, 50, 50, 2000, 2000).isEmpty());
        assertTrue(Resizer.resize(dir.resolve("missing.png"), 0, -1, 50, 50, 2000, 2000).isEmpty());
    }

    @Test
    void corruptImagesAreNotResized() throws IOException {
        byte[] png = encode(picture(100, 100, false), "png");
        Path truncated = write("cut.png", Arrays.copyOf(png, 60));
        assertTrue(Resizer.resize(truncated, 0, -1, 50, 50, 2000, 2000).isEmpty());
        Path headerOnly = write("hdr.png", pngHeader(2000, 2000));
        assertTrue(Resizer.resize(headerOnly, 0, -1, 50, 50, 2000, 2000).isEmpty());
    }

    @Test
    void refusesHugeImagesFromTheHeaderAlone() throws IOException {
        Path file = write("bomb.png", pngHeader(10000, 10000));
        assertTrue(Resizer.resize(file, 0, -1, 100, 100, 2000, 2000).isEmpty());
    }

    @Test
    void refusesAValidImageJustOverTheLimit() throws IOException {
        // 7072 x 7072 = 50,013,184 pixels; one bit each, so the file itself is tiny.
        BufferedImage bits = new BufferedImage(7072, 7072, BufferedImage.TYPE_BYTE_BINARY);
        Path file = write("bits.png", encode(bits, "png"));
        assertTrue(Resizer.resize(file, 0, -1, 100, 100, 2000, 2000).isEmpty());
    }

    @Test
    void resizesASliceOfAContainer() throws IOException {
        byte[] png = encode(picture(300, 200, false), "png");
        byte[] jpg = encode(picture(200, 300, false), "jpg");
        byte[] junk = "JUNK-JUNK-JUNK".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer container = ByteBuffer.allocate(junk.length * 3 + png.length + jpg.length);
        container.put(junk).put(png).put(junk).put(jpg).put(junk);
        Path file = write("container.bin", container.array());

        BufferedImage a = decode(Resizer.resize(file, junk.length, png.length, 30, 0, 2000, 2000), "png");
        assertEquals(30, a.getWidth());
        assertEquals(20, a.getHeight());
        long jpgOffset = junk.length * 2L + png.length;
        BufferedImage b = decode(Resizer.resize(file, jpgOffset, jpg.length, 0, 30, 2000, 2000), "jpeg");
        assertEquals(20, b.getWidth());
        assertEquals(30, b.getHeight());
        assertTrue(Resizer.resize(file, 0, png.length, 30, 0, 2000, 2000).isEmpty(), "junk at offset 0");
        assertTrue(Resizer.resize(file, junk.length, 100, 30, 0, 2000, 2000).isEmpty(), "slice cuts the image");
        assertTrue(Resizer.resize(file, container.capacity() + 10, 100, 30, 0, 2000, 2000).isEmpty());
    }

    @Test
    void sliceStreamReadsExactlyItsRange() throws IOException {
        byte[] data = new byte[30000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Path file = write("range.bin", data);
        try (var channel = FileChannel.open(file);
             ImageInputStream in = new FileSliceImageInputStream(channel, 1000, 20000)) {
            assertEquals(20000, in.length());
            assertEquals(1000 & 0xff, in.read());
            byte[] big = new byte[10000];
            in.readFully(big);
            assertArrayEquals(Arrays.copyOfRange(data, 1001, 11001), big);
            in.seek(19999);
            assertEquals((1000 + 19999) & 0xff, in.read());
            assertEquals(-1, in.read());
            in.seek(5);
            assertEquals(1005 & 0xff, in.read());
        }
    }

    /** A red square on white; with alpha, the border is fully transparent. */
    private static BufferedImage picture(int w, int h, boolean alpha) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        if (!alpha) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
        }
        g.setColor(Color.RED);
        g.fillRect(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    /** Decodes {@code bytes}, asserting that ImageIO recognises them as {@code format}. */
    private static BufferedImage decode(Optional<byte[]> bytes, String format) throws IOException {
        assertTrue(bytes.isPresent(), "expected a resized image");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes.get()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            assertEquals(format, reader.getFormatName().toLowerCase());
            reader.setInput(in);
            return reader.read(0);
        }
    }

    /** A PNG signature and a valid IHDR chunk for an 8-bit RGB image, with no pixel data after it. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
