package io.kamaros.app.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where windows open: the main window's first bounds from the screen, everything else centred on its owner. */
class WindowPlacementTest {
    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1440, 900);

    @Test
    void theMainWindowFirstTakesMostOfTheScreenCentred() {
        Rectangle2D b = WindowPlacement.firstMainBounds(SCREEN, new Dimension2D(700, 500));
        assertThat(b.getWidth()).isEqualTo(1440 * 0.85);
        assertThat(b.getHeight()).isEqualTo(900 * 0.85);
        assertThat(b.getMinX() + b.getWidth() / 2).isEqualTo(720);
        assertThat(b.getMinY() + b.getHeight() / 2).isEqualTo(450);
    }

    @Test
    void theMainWindowIsNeverSmallerThanItsContentNorLargerThanTheScreen() {
        Rectangle2D small = new Rectangle2D(0, 0, 1280, 720);
        Rectangle2D b = WindowPlacement.firstMainBounds(small, new Dimension2D(1200, 650));
        assertThat(b.getWidth()).isEqualTo(1200);
        assertThat(b.getHeight()).isEqualTo(690); // content + the frame's title bar
        Rectangle2D huge = WindowPlacement.firstMainBounds(small, new Dimension2D(2000, 1000));
        assertThat(huge).isEqualTo(small);
        Rectangle2D wide = WindowPlacement.firstMainBounds(new Rectangle2D(0, 0, 3840, 2160), new Dimension2D(900, 600));
        assertThat(wide.getWidth()).isEqualTo(WindowPlacement.FIRST_MAX_WIDTH);
        assertThat(wide.getHeight()).isEqualTo(WindowPlacement.FIRST_MAX_HEIGHT);
    }

    @Test
    void aDialogIsCentredOnItsOwner() {
        Rectangle2D owner = new Rectangle2D(100, 50, 1000, 700);
        Rectangle2D d = WindowPlacement.centredOn(owner, 400, 300, SCREEN);
        assertThat(d).isEqualTo(new Rectangle2D(400, 250, 400, 300));
    }

    @Test
    void aDialogStaysInsideTheScreenWithItsTitleBar() {
        Rectangle2D nearTheTop = new Rectangle2D(1200, -20, 300, 100);
        Rectangle2D d = WindowPlacement.centredOn(nearTheTop, 500, 400, SCREEN);
        assertThat(d.getMinY()).isZero();
        assertThat(d.getMaxX()).isEqualTo(1440);
        Rectangle2D tall = WindowPlacement.centredOn(SCREEN, 600, 1200, SCREEN);
        assertThat(tall).isEqualTo(new Rectangle2D(420, 0, 600, 900));
    }
}
