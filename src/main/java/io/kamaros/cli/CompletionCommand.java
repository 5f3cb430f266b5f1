package io.kamaros.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

@Command(name = "completion", description = {"Print a bash completion script (zsh: after 'autoload bashcompinit; bashcompinit').",
    "Install with: source <(kamaros completion)"})
final class CompletionCommand extends BaseCommand {
    @Override
    public Integer call() {
        cli.out().print(AutoComplete.bash("kamaros", spec.root().commandLine()));
        cli.out().flush();
        return ExitCodes.OK;
    }
}
