package io.custodia.purge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Says which inputs differ between a stored plan and the same plan computed now. */
final class PlanDifferences {
    private PlanDifferences() {
    }

    static String describe(DestructionPlan before, DestructionPlan now) {
        Map<String, InputFile> current = now.inputs().stream().collect(Collectors.toMap(InputFile::uri, Function.identity()));
        List<String> out = new ArrayList<>();
        for (InputFile in : before.inputs()) {
            String d = in.differenceFrom(current.remove(in.uri()));
            if (d != null) {
                out.add(d);
            }
        }
        current.keySet().stream().sorted().forEach(u -> out.add(u + " is new"));
        if (!before.runDate().equals(now.runDate())) {
            out.add("run date " + before.runDate() + " ≠ " + now.runDate());
        }
        if (out.isEmpty()) {
            out.add("the job file path differs");
        }
        return out.size() > 5 ? String.join("; ", out.subList(0, 5)) + "; and " + (out.size() - 5) + " more" : String.join("; ", out);
    }
}
