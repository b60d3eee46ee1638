package io.custodia.cli;

import java.util.List;

/** One sub-command: its name, a one-line summary, its usage text and what it does. Returns the exit code. */
interface Command {
    String name();

    String summary();

    String usage();

    int run(List<String> args, Context context) throws Exception;
}
