package io.jfastdfs.image;

import java.util.Optional;

/** Output dimensions of a resize request (API.md §2.5). */
record TargetSize(int width, int height) {

    /**
     * Non-positive request sides count as 0 and both 0 means no resize. Request sides are clamped to the
     * maxima (a non-positive maximum means no clamp). Both sides given → exactly that; one side 0 → it follows
     * the source aspect ratio, scaled down further if it would exceed its own maximum.
     */
    static Optional<TargetSize> of(int srcWidth, int srcHeight, int width, int height, int maxWidth, int maxHeight) {
        int maxW = maxWidth > 0 ? maxWidth : Integer.MAX_VALUE;
        int maxH = maxHeight > 0 ? maxHeight : Integer.MAX_VALUE;
        int w = Math.min(Math.max(0, width), maxW);
        int h = Math.min(Math.max(0, height), maxH);
        if (srcWidth <= 0 || srcHeight <= 0 || (w == 0 && h == 0)) {
            return Optional.empty();
        }
        if (w > 0 && h > 0) {
            return Optional.of(new TargetSize(w, h));
        }
        double scale = w > 0 ? (double) w / srcWidth : (double) h / srcHeight;
        scale = Math.min(scale, Math.min((double) maxW / srcWidth, (double) maxH / srcHeight));
        return Optional.of(new TargetSize(side(srcWidth * scale, maxW), side(srcHeight * scale, maxH)));
    }

    private static int side(double exact, int max) {
        return (int) Math.max(1, Math.min(max, Math.round(exact)));
    }
}
