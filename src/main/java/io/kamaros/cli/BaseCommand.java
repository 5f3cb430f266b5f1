package io.kamaros.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command has: the shared CLI plumbing and its own spec. */
abstract class BaseCommand implements Callable<Integer> {
    @ParentCommand
    KamarosCli cli;

    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
    boolean help;
}
