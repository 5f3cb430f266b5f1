package io.kamaros.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.task.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

class StatusBarTest {
    @Test
    void followsATaskThatStartedBeforeTheBarWasBuilt() throws Exception {
        // the app starts opening the demo before its window (and this bar) exists
        List<Runnable> queued = new ArrayList<>();
        TaskRunner runner = new TaskRunner(queued::add, (action, e) -> { });
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Fx.run(() -> runner.task("Opening", ctx -> {
            ctx.progress("Making the demo: 5 of 25", 5, 25);
            reported.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "opened";
        }).visible().start());
        StatusBar bar = Fx.call(() -> new StatusBar(runner, new SimpleStringProperty(""), new SimpleStringProperty("")));

        Thread worker = new Thread(queued.get(0));
        worker.start();
        assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();
        Fx.settle();
        assertThat(Fx.call(() -> bar.control().getText())).startsWith("Making the demo: 5 of 25");
        assertThat(Fx.call(() -> bar.control().getProgress())).isEqualTo(0.2);
        assertThat(Fx.call(() -> cancelOf(bar).isVisible())).isTrue();
        release.countDown();
        worker.join(30_000);
        Fx.runAndSettle(runner, () -> { });
        assertThat(Fx.call(() -> bar.control().getProgress())).isZero(); // ControlsFX hides its bar at 0
        assertThat(Fx.call(() -> cancelOf(bar).isVisible())).isFalse();
    }

    /** A task starting (progress bar, task button, Cancel) never makes the bar taller: the window's content stays put. */
    @Test
    void keepsItsHeightWhileATaskRuns() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        TaskRunner runner = new TaskRunner(queued::add, (action, e) -> { });
        BorderPane window = Fx.call(() -> {
            BorderPane root = new BorderPane(new Region());
            root.setBottom(new StatusBar(runner, new SimpleStringProperty("3 unsaved changes"),
                    new SimpleStringProperty("25 versions")).node());
            new Scene(root, 900, 500);
            return root;
        });
        double idle = Fx.call(() -> heightOf(window));
        Fx.run(() -> runner.task("Saving checkpoint", ctx -> "saved").visible().start()); // queued: stays running
        Fx.settle();
        assertThat(Fx.call(() -> window.lookup("#status-progress").isVisible())).isTrue();
        assertThat(Fx.call(() -> window.lookup("#status-message"))).isInstanceOf(Label.class);
        assertThat(Fx.call(() -> window.lookup("#status-tasks").isVisible())).isTrue();
        assertThat(Fx.call(() -> heightOf(window))).isEqualTo(idle).isEqualTo(StatusBar.HEIGHT);
    }

    /** The bar's Cancel (without a scene the skin has not put the right items among its children yet). */
    private static Node cancelOf(StatusBar bar) {
        return bar.control().getRightItems().stream().filter(n -> "status-cancel".equals(n.getId())).findFirst()
                .orElseThrow();
    }

    private static double heightOf(BorderPane window) {
        window.applyCss();
        window.layout();
        Node bar = window.getBottom();
        return bar.getLayoutBounds().getHeight();
    }
}
