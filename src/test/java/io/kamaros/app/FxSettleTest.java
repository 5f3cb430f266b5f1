package io.kamaros.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolTestSupport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Fx#runAndSettle} waits for a whole chain of tasks, each started by the previous one's success handler
 * (a sync, then the history's reload, then the remote check: what SyncViewModelTest does). A handler that works
 * a while between ending its task and starting the next is the window in which a count read off the FX thread
 * was 0 (the test then asserted on a state the chain had not reached yet, once in a full CI run). Each link of a
 * long chain is a chance to hit that window: with the count read off the FX thread this stopped after 70 of 200.
 */
class FxSettleTest {
    private static final int CHAIN = 200;

    @BeforeAll
    static void start() {
        Fx.start();
    }

    @Test
    void aChainOfTasksStartedByHandlersIsWaitedForToItsEnd() {
        TaskRunner runner = ToolTestSupport.directRunner(new ToolTestSupport.Errors());
        List<Integer> done = new CopyOnWriteArrayList<>();
        Fx.runAndSettle(runner, () -> step(runner, 1, done));
        assertThat(done).hasSize(CHAIN).last().isEqualTo(CHAIN);
    }

    private static void step(TaskRunner runner, int n, List<Integer> done) {
        runner.task("step " + n, ctx -> n).onSuccess(value -> {
            done.add(value);
            if (value < CHAIN) {
                pause(); // the handler's own work (a history read into lists, say) before the next task starts
                step(runner, value + 1, done);
            }
        }).start();
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
