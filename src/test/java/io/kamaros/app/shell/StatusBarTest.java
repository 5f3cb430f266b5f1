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
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
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
        Node bar = Fx.call(() -> new StatusBar(runner, new SimpleStringProperty("")).node());

        Thread worker = new Thread(queued.get(0));
        worker.start();
        assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();
        Fx.settle();
        assertThat(Fx.call(() -> ((Label) bar.lookup("#status-message")).getText())).startsWith("Making the demo: 5 of 25");
        assertThat(Fx.call(() -> ((ProgressBar) bar.lookup("#status-progress")).getProgress())).isEqualTo(0.2);
        assertThat(Fx.call(() -> bar.lookup("#status-progress").isVisible())).isTrue();
        release.countDown();
        worker.join(30_000);
        Fx.runAndSettle(runner, () -> { });
        assertThat(Fx.call(() -> bar.lookup("#status-progress").isVisible())).isFalse();
    }
}
