package io.custodia.cli;

import io.custodia.crypto.KeyDirectory;
import java.util.List;
import java.util.Set;

/** {@code custodia keys init [--dir DIR]}, {@code custodia keys rotate-backup …} */
final class KeysCommand implements Command {
    @Override
    public String name() {
        return "keys";
    }

    @Override
    public String summary() {
        return "keys init: create the signing, backup and pseudonymization keys (owner-only files); keys rotate-backup";
    }

    @Override
    public String usage() {
        return """
                usage: custodia keys init [--dir DIR]

                Creates, in the key directory (default var/keys, or --custodia.keys-dir), every key that
                is missing; existing keys are never overwritten. Secret files are created with mode 0600.
                Key material is never printed or logged.

                """ + KeysRotateBackupCommand.USAGE;
    }

    @Override
    public int run(List<String> raw, Context context) {
        if (!raw.isEmpty() && raw.getFirst().equals("rotate-backup")) {
            return KeysRotateBackupCommand.run(raw.subList(1, raw.size()), context);
        }
        Args args = Args.parse(raw, Set.of("dir"), Set.of());
        args.expectPositionals(1);
        String sub = args.requirePositional(0, "a sub-command: init or rotate-backup");
        if (!sub.equals("init")) {
            throw new UsageException("unknown keys sub-command '" + sub + "'");
        }
        KeyDirectory keys = new KeyDirectory(args.path("dir", context.keysDir()).toAbsolutePath());
        keys.init().forEach(context.out::println);
        return 0;
    }
}
