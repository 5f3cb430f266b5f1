package io.kamaros.app.diff;

/**
 * Per-pixel comparison of two ARGB rasters, top-left aligned on a canvas as big as both. Changed
 * pixels are painted red (stronger the bigger the change); unchanged ones are a faint grey copy of the
 * new image, so the eye finds the red at once. Pure Java so it runs on a background thread and in tests.
 */
public record ImageDifference(int width, int height, int[] argb, long changedPixels, long totalPixels) {

    /** Share of pixels that differ, 0..1. */
    public double changedFraction() {
        return totalPixels == 0 ? 0 : (double) changedPixels / totalPixels;
    }

    static ImageDifference compute(int[] before, int beforeWidth, int beforeHeight,
                                   int[] after, int afterWidth, int afterHeight) {
        int w = Math.max(beforeWidth, afterWidth);
        int h = Math.max(beforeHeight, afterHeight);
        int[] out = new int[w * h];
        long changed = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inBefore = x < beforeWidth && y < beforeHeight;
                boolean inAfter = x < afterWidth && y < afterHeight;
                int a = inBefore ? before[y * beforeWidth + x] : 0;
                int b = inAfter ? after[y * afterWidth + x] : 0;
                int delta = maxChannelDelta(a, b);
                if (inBefore != inAfter) {
                    // Canvas grown or shrunk: every pixel outside the common area changed.
                    delta = Math.max(delta, 255);
                }
                if (delta == 0) {
                    out[y * w + x] = faint(b);
                } else {
                    changed++;
                    // Red over the faint context, at least half strength so a one-level change still shows;
                    // blended here (not left translucent) so the checkerboard never shows through.
                    int strength = Math.min(255, 128 + delta / 2);
                    out[y * w + x] = blend(faint(inAfter ? b : a) | 0xFF000000, 0xFFE0102A, strength);
                }
            }
        }
        return new ImageDifference(w, h, out, changed, (long) w * h);
    }

    /** Largest per-channel difference; colour channels are weighted by alpha so invisible pixels compare equal. */
    static int maxChannelDelta(int a, int b) {
        int aa = a >>> 24;
        int ba = b >>> 24;
        if (aa == 0 && ba == 0) {
            return 0;
        }
        int d = Math.abs(aa - ba);
        for (int shift = 0; shift <= 16; shift += 8) {
            int ca = ((a >> shift) & 0xff) * aa / 255;
            int cb = ((b >> shift) & 0xff) * ba / 255;
            d = Math.max(d, Math.abs(ca - cb));
        }
        return d;
    }

    private static int blend(int under, int over, int strength) {
        int r = (((under >> 16) & 0xff) * (255 - strength) + ((over >> 16) & 0xff) * strength) / 255;
        int g = (((under >> 8) & 0xff) * (255 - strength) + ((over >> 8) & 0xff) * strength) / 255;
        int bl = ((under & 0xff) * (255 - strength) + (over & 0xff) * strength) / 255;
        return 0xFF000000 | (r << 16) | (g << 8) | bl;
    }

    /** A light grey version of an unchanged pixel (context, not content). */
    private static int faint(int argb) {
        int alpha = argb >>> 24;
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        int grey = (r * 30 + g * 59 + b * 11) / 100;
        int light = 200 + grey * 55 / 255;
        // Opaque where the picture is, so no checkerboard shows through and competes with the red.
        int a = Math.max(60, alpha);
        return (a << 24) | (light << 16) | (light << 8) | light;
    }
}
