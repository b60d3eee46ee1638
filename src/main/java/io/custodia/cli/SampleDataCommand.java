package io.custodia.cli;

import java.util.List;

/** {@code custodia sample-data --customers N --seed S --out DIR} — wired to the generator. */
final class SampleDataCommand implements Command {
    @Override
    public String name() {
        return "sample-data";
    }

    @Override
    public String summary() {
        return "generate a deterministic synthetic company (customers, orders, ledger, egress logs…)";
    }

    @Override
    public String usage() {
        return "usage: custodia sample-data --customers N --seed S --out DIR\n";
    }

    @Override
    public int run(List<String> raw, Context context) {
        throw new UnsupportedOperationException("the sample-data generator is not part of this build yet");
    }
}
