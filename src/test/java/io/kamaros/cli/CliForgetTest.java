package io.kamaros.cli;

import static io.kamaros.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.cli.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kamaros forget}: by hand and by policy, dry runs that change nothing, refusals with their exit codes. */
class CliForgetTest {
    @TempDir
    Path tmp;
    Path project;
    Path content;
    final List<String> ids = new ArrayList<>();

    @BeforeEach
    void createProjectWithFourVersions() throws IOException {
        project = tmp.resolve("proj");
        content = project.resolve("content");
        ok(run(tmp, "init", "proj"));
        Files.writeString(content.resolve("story.md"), "Once upon a time.\n");
        commit("first", "--tag", "start");
        byte[] secret = new byte[300_000];
        new Random(5).nextBytes(secret);
        Files.write(content.resolve("secret.bin"), secret);
        Files.writeString(content.resolve("story.md"), "Once upon a time.\nThere was a fox.\n");
        commit("oops");
        Files.delete(content.resolve("secret.bin"));
        Files.writeString(content.resolve("story.md"), "Once upon a time.\nThere was a fox.\nThe end.\n");
        commit("third");
        Files.writeString(content.resolve("story.md"), "Once upon a time.\nThere was a fox.\nThe end!\n");
        commit("fourth");
    }

    private void commit(String message, String... more) {
        List<String> args = new ArrayList<>(List.of("--json", "commit", "-m", message));
        args.addAll(List.of(more));
        ids.add(ok(run(project, args.toArray(String[]::new))).json().get("id").asText());
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void aDryRunListsWhatGoesAndTheSpaceItFreesAndChangesNothing() {
        JsonNode dry = ok(run(project, "--json", "forget", "--dry-run", ids.get(1).substring(0, 8))).json();
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("forgotten")).hasSize(1);
        assertThat(dry.get("forgotten").get(0).get("id").asText()).isEqualTo(ids.get(1));
        assertThat(dry.get("kept").asInt()).isEqualTo(3);
        assertThat(dry.get("bytesFreedEstimate").asLong()).isGreaterThan(250_000);
        assertThat(ok(run(project, "--json", "log")).json()).hasSize(4);
        assertThat(ok(run(project, "forget", "-n", ids.get(1))).out()).contains("would forget " + ids.get(1).substring(0, 8))
                .contains("Would forget 1 version, keep 3");
    }

    @Test
    void forgettingByHandRelinksTheHistoryAndFreesTheSpace() {
        Result r = ok(run(project, "forget", ids.get(1)));
        assertThat(r.out()).contains("Forgot 1 version, kept 3");
        JsonNode log = ok(run(project, "--json", "log")).json();
        assertThat(log).hasSize(3);
        assertThat(ok(run(project, "cat", "story.md", "-v", ids.get(2))).out())
                .isEqualTo("Once upon a time.\nThere was a fox.\nThe end.\n");
        assertThat(ok(run(project, "--json", "verify", "--deep")).json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void theCurrentVersionAndATaggedOneAreRefusedWithTheirCodes() {
        Result current = run(project, "--json", "forget", ids.get(3));
        assertThat(current.exit()).as(current.toString()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(current.errorJson().get("error").get("code").asText()).isEqualTo("FORGET_CURRENT_VERSION");
        Result tagged = run(project, "--json", "forget", "start");
        assertThat(tagged.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(tagged.errorJson().get("error").get("code").asText()).isEqualTo("FORGET_TAGGED_VERSION");
        ok(run(project, "forget", "--force", "start"));
        assertThat(ok(run(project, "--json", "log")).json()).hasSize(3);
        Result both = run(project, "forget", ids.get(1), "--keep-last", "2");
        assertThat(both.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
    }

    @Test
    void aPolicyFromFlagsThinsManualCheckpointsOnlyWhenAsked() {
        JsonNode none = ok(run(project, "--json", "forget", "--keep-last", "2")).json();
        assertThat(none.get("forgotten")).isEmpty(); // manual checkpoints are not thinned by default
        JsonNode dry = ok(run(project, "--json", "forget", "--keep-last", "2", "--include-manual", "--dry-run")).json();
        assertThat(dry.get("forgotten")).hasSize(1); // the tagged first version stays
        assertThat(dry.get("forgotten").get(0).get("id").asText()).isEqualTo(ids.get(1));
        ok(run(project, "forget", "--keep-last", "2", "--include-manual", "--save-policy"));
        assertThat(ok(run(project, "--json", "log")).json()).hasSize(3);
        // The saved policy applies when no flags are given; applied again it forgets nothing.
        assertThat(ok(run(project, "--json", "forget", "--include-manual")).json().get("forgotten")).isEmpty();
    }

    /**
     * Without --keep flags, forget applies the project's policy with the project's switches for manual and tagged
     * versions (the app's Retention tab, or {@code kamaros config}); --[no-]include-manual and --[no-]force override
     * them, and explicit --keep flags are a policy of their own that thins manual or tagged versions only when asked.
     */
    @Test
    void withoutFlagsTheProjectsPolicyAndSwitchesApplyUnlessFlagsSayOtherwise() {
        ok(run(project, "forget", "--keep-last", "2", "--save-policy"));
        assertThat(ok(run(project, "--json", "log")).json()).as("manual checkpoints are not thinned by default").hasSize(4);
        assertThat(forgottenByDryRun()).isEmpty();

        ok(run(project, "config", "retentionThinManual", "true"));
        assertThat(forgottenByDryRun()).as("the tagged first version stays").containsExactly(ids.get(1));
        assertThat(forgottenByDryRun("--no-include-manual")).isEmpty();
        assertThat(forgottenByDryRun("--keep-last", "2")).as("--keep flags: only what the flags say").isEmpty();

        ok(run(project, "config", "retentionThinTagged", "true"));
        assertThat(forgottenByDryRun()).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(forgottenByDryRun("--no-force")).containsExactly(ids.get(1));
        assertThat(run(project, "config", "retentionThinTagged", "maybe").exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(run(project, "config", "retentionAutoInterval", "soon").exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);

        assertThat(ok(run(project, "forget")).out()).contains("Forgot 2 versions, kept 2");
        assertThat(ok(run(project, "--json", "log")).json()).hasSize(2);
        assertThat(ok(run(project, "cat", "story.md", "-v", ids.get(2))).out())
                .isEqualTo("Once upon a time.\nThere was a fox.\nThe end.\n");
    }

    private List<String> forgottenByDryRun(String... flags) {
        List<String> args = new ArrayList<>(List.of("--json", "forget", "--dry-run"));
        args.addAll(List.of(flags));
        List<String> out = new ArrayList<>();
        ok(run(project, args.toArray(String[]::new))).json().get("forgotten").forEach(v -> out.add(v.get("id").asText()));
        return out;
    }

    @Test
    void durationsAndSizesParse() {
        assertThat(ForgetCommand.duration("1d12h")).hasHours(36);
        assertThat(ForgetCommand.duration("90m")).hasMinutes(90);
        assertThat(ForgetCommand.duration("2w")).hasDays(14);
        assertThat(ForgetCommand.size("5GB")).isEqualTo(5_000_000_000L);
        assertThat(ForgetCommand.size("1.5GiB")).isEqualTo(1_610_612_736L);
        assertThat(ForgetCommand.size("1000")).isEqualTo(1000L);
    }
}
