package io.jfastdfs.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Download-time image resizing ({@code ?width=&height=}, API.md §2.5). JPEG and PNG only, re-encoded in the
 * source format; everything else, and anything that fails, yields empty so the caller serves the original.
 */
public final class Resizer {

    /** Larger images are served unresized: decoding one costs 4 bytes per pixel of heap. */
    public static final long MAX_PIXELS = 50_000_000L;

    private static final float JPEG_QUALITY = 0.75f;
    /**
     * Pixels being decoded at once, over all requests: one image at the limit, or many small ones. Without
     * it, a few concurrent thumbnails of large photos would exhaust the heap the whole node shares.
     */
    private static final Semaphore DECODING = new Semaphore((int) MAX_PIXELS, true);
    /** How long a resize waits for decoding room before the original is served instead. */
    private static final long WAIT_SECONDS = 10;

    static {
        // ImageIO's default stream wrappers would spill to temp files; everything here stays in memory.
        ImageIO.setUseCache(false);
    }

    private Resizer() {
    }

    /**
     * Resizes the image in {@code length} bytes at {@code offset} of {@code file} ({@code length} -1: to the
     * end of the file). Empty when no resize applies (both sides non-positive, target equals the source size),
     * the content is not a decodable JPEG/PNG, or it exceeds {@link #MAX_PIXELS}.
     */
    public static Optional<byte[]> resize(Path file, long offset, long length, int width, int height,
                                          int maxWidth, int maxHeight) {
        if ((width <= 0 && height <= 0) || offset < 0) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = length < 0 ? channel.size() : Math.min(channel.size(), offset + length);
            if (offset >= end) {
                return Optional.empty();
            }
            try (ImageInputStream in = new FileSliceImageInputStream(channel, offset, end - offset)) {
                ImageFormat format = ImageFormat.detect(in);
                return format == null ? Optional.empty()
                        : resize(in, format, width, height, maxWidth, maxHeight);
            }
        } catch (IOException | RuntimeException e) {
            // Corrupt or truncated data, or a file that vanished: the original is served as is.
            return Optional.empty();
        }
    }

    private static Optional<byte[]> resize(ImageInputStream in, ImageFormat format, int width, int height,
                                           int maxWidth, int maxHeight) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            // Header only: the pixel budget is checked before any pixel memory is allocated.
            int srcWidth = reader.getWidth(0);
            int srcHeight = reader.getHeight(0);
            if ((long) srcWidth * srcHeight > MAX_PIXELS) {
                return Optional.empty();
            }
            Optional<TargetSize> target = TargetSize.of(srcWidth, srcHeight, width, height, maxWidth, maxHeight);
            if (target.isEmpty() || (target.get().width() == srcWidth && target.get().height() == srcHeight)) {
                return Optional.empty();
            }
            int pixels = srcWidth * srcHeight;
            if (!DECODING.tryAcquire(pixels, WAIT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
            try {
                BufferedImage source = reader.read(0);
                boolean alpha = format == ImageFormat.PNG && source.getColorModel().hasAlpha();
                return Optional.of(encode(scale(source, target.get(), alpha), format));
            } finally {
                DECODING.release(pixels);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /**
     * Halves with bilinear steps down to at most twice the target, then one bicubic pass: a single
     * interpolated pass only samples a few neighbours and aliases badly on large reductions.
     */
    static BufferedImage scale(BufferedImage source, TargetSize target, boolean alpha) {
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        while (true) {
            int w = current.getWidth() / 2 >= target.width() ? current.getWidth() / 2 : current.getWidth();
            int h = current.getHeight() / 2 >= target.height() ? current.getHeight() / 2 : current.getHeight();
            if (w == current.getWidth() && h == current.getHeight()) {
                break;
            }
            current = draw(current, w, h, type, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return draw(current, target.width(), target.height(), type, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage from, int width, int height, int type, Object interpolation) {
        BufferedImage to = new BufferedImage(width, height, type);
        Graphics2D g = to.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION,
                    RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.drawImage(from, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return to;
    }

    private static byte[] encode(BufferedImage image, ImageFormat format) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.imageIoName).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
