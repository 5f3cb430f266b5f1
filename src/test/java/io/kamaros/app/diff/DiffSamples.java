package io.kamaros.app.diff;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Sample versions used by the tests, the screenshots and the demo. */
final class DiffSamples {
    private DiffSamples() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final String JAVA_BEFORE = """
            package com.example.shop;

            import java.util.List;

            /** Prices a basket of items. */
            public class Basket {
                private final List<Item> items;

                public Basket(List<Item> items) {
                    this.items = items;
                }

                /* Sum of all item prices,
                   without any discount. */
                public double total() {
                    double sum = 0;
                    for (Item item : items) {
                        sum += item.price();
                    }
                    return sum;
                }

                public int count() {
                    return items.size();
                }

                public boolean isEmpty() {
                    return items.isEmpty();
                }

                public List<Item> items() {
                    return items;
                }

                @Override
                public String toString() {
                    return "Basket of " + count() + " items";
                }
            }
            """;

    static final String JAVA_AFTER = """
            package com.example.shop;

            import java.math.BigDecimal;
            import java.util.List;

            /** Prices a basket of items, with an optional discount. */
            public class Basket {
                private final List<Item> items;
                private final int discountPercent;

                public Basket(List<Item> items, int discountPercent) {
                    this.items = items;
                    this.discountPercent = discountPercent;
                }

                /* Sum of all item prices,
                   without any discount. */
                public BigDecimal total() {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (Item item : items) {
                        sum = sum.add(item.price());
                    }
                    return sum;
                }

                public int count() {
                    return items.size();
                }

                public boolean isEmpty() {
                    return items.isEmpty();
                }

                public List<Item> items() {
                    return items;
                }

                @Override
                public String toString() {
                    return "Basket of " + count() + " items, " + discountPercent + "% off";
                }
            }
            """;

    static final String MARKDOWN_BEFORE = """
            # Chapter 3: The Lighthouse

            The keeper climbed the **ninety** steps every night.
            Nobody in the village remembered when the light had last failed.

            - oil for the lamp
            - a spare wick
            - bread and cheese
            """;

    static final String MARKDOWN_AFTER = """
            # Chapter 3: The Old Lighthouse

            The keeper climbed the **hundred and twelve** steps every night.
            Nobody in the village remembered when the light had last failed.
            Nobody, except Marta.

            - oil for the lamp
            - bread and cheese
            """;

    /** A small "poster": sky gradient, a sun, a hill and a title. {@code variant} 1 moves and recolours things. */
    static byte[] poster(int width, int height, int variant, String format) {
        int type = "png".equals(format) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x9cc9f0), 0, height, new Color(0xe9f4fb)));
        g.fillRect(0, 0, width, height);
        g.setColor(variant == 0 ? new Color(0xf5b700) : new Color(0xf07818));
        int sun = height / 4;
        int sunX = variant == 0 ? width * 2 / 3 : width * 3 / 4;
        g.fillOval(sunX, height / 8, sun, sun);
        g.setColor(new Color(0x4e8a3e));
        g.fillOval(-width / 4, height * 2 / 3, width * 3 / 2, height);
        g.setColor(new Color(0x2f4f2a));
        g.setStroke(new BasicStroke(Math.max(2, width / 200f)));
        g.drawLine(width / 5, height * 2 / 3, width / 5, height * 2 / 3 - height / 5);
        g.setColor(new Color(0x1f2d3a));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 10)));
        g.drawString(variant == 0 ? "Summer fair" : "Summer fair 2026", width / 12, height / 5);
        g.dispose();
        return encode(img, format);
    }

    /** A width x height image of one colour, with optional single pixel changed. */
    static byte[] solid(int width, int height, int argb, int changedX, int changedY, int changedArgb) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, x == changedX && y == changedY ? changedArgb : argb);
            }
        }
        return encode(img, "png");
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deterministic pseudo-random bytes with NULs: clearly not text. */
    static byte[] binary(int size, int seed) {
        byte[] b = new byte[size];
        long x = seed * 2654435761L + 1;
        for (int i = 0; i < size; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b[i] = (byte) (x >>> 56);
        }
        b[0] = 0;
        return b;
    }

    /** Lines "line 1" .. "line n", with the given 1-based lines replaced by "changed k". */
    static String numbered(int n, int... changed) {
        StringBuilder sb = new StringBuilder();
        int c = 0;
        for (int i = 1; i <= n; i++) {
            if (c < changed.length && changed[c] == i) {
                sb.append("changed ").append(i);
                c++;
            } else {
                sb.append("line ").append(i);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
