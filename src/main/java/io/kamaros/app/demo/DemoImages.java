package io.kamaros.app.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Draws the demo's illustrations; a stage number changes what is drawn, so versions differ visibly. */
final class DemoImages {
    private DemoImages() {
    }

    /** The cover: night sky, moon, a garden wall and flowers; later stages add more and warm the colours. */
    static byte[] cover(int stage) {
        BufferedImage img = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        g.setPaint(new GradientPaint(0, 0, new Color(18, 24, 64), 0, 320, new Color(70 + stage * 6, 60, 120)));
        g.fillRect(0, 0, 480, 320);
        Random r = new Random(7);
        g.setColor(new Color(255, 255, 230));
        for (int i = 0; i < 60; i++) {
            int s = 1 + r.nextInt(2);
            g.fillOval(r.nextInt(480), r.nextInt(180), s, s);
        }
        g.setColor(new Color(250, 240, 200));
        g.fill(new Ellipse2D.Double(330 - stage * 8, 40 + stage * 3, 70, 70));
        g.setColor(new Color(40, 70, 50));
        g.fillRect(0, 230, 480, 90);
        g.setColor(new Color(90, 80, 80));
        g.fillRect(0, 200, 480, 30);
        Random f = new Random(11);
        for (int i = 0; i < 6 + stage * 2; i++) {
            int x = 10 + f.nextInt(460);
            int y = 245 + f.nextInt(60);
            g.setColor(new Color(180 + f.nextInt(70), 90 + f.nextInt(100), 150 + f.nextInt(100)));
            g.fillOval(x, y, 12, 12);
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SERIF, Font.BOLD, 30));
        g.drawString("Moonlit Garden", 24, 60);
        if (stage >= 3) {
            g.setFont(new Font(Font.SERIF, Font.ITALIC, 16));
            g.drawString("a picture book", 26, 84);
        }
        return png(img, g);
    }

    /** The fox: its colour, size and tail change with the stage. */
    static byte[] fox(int stage) {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        g.setColor(new Color(236, 240, 246));
        g.fillRect(0, 0, 320, 240);
        Color fur = stage < 2 ? new Color(150, 150, 150) : new Color(220, 110 + stage * 5, 40);
        g.setColor(fur);
        g.fill(new Ellipse2D.Double(100, 110, 120, 70));
        g.fill(new Ellipse2D.Double(190, 80, 60, 50));
        Path2D ear = new Path2D.Double();
        ear.moveTo(200, 90);
        ear.lineTo(210, 60);
        ear.lineTo(222, 88);
        ear.moveTo(226, 88);
        ear.lineTo(240, 60);
        ear.lineTo(246, 95);
        g.fill(ear);
        g.setStroke(new BasicStroke(18 + stage * 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(105, 140, 50, 110 - stage * 4);
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(40, 100 - stage * 4, 18, 18));
        g.setColor(new Color(30, 30, 30));
        g.fillOval(228, 98, 6, 6);
        return png(img, g);
    }

    /** The fountain: water arcs grow with the stage. */
    static byte[] fountain(int stage) {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        g.setColor(new Color(20, 30, 60));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(170, 170, 190));
        g.fillRect(110, 170, 100, 40);
        g.fillRect(150, 110, 20, 60);
        g.setColor(new Color(120, 190, 255));
        g.setStroke(new BasicStroke(3));
        for (int i = 0; i < 2 + stage; i++) {
            g.drawArc(160 - 20 - i * 12, 90 - i * 6, 40 + i * 24, 90 + i * 10, 0, 180);
        }
        return png(img, g);
    }

    private static Graphics2D start(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static byte[] png(BufferedImage img, Graphics2D g) {
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
