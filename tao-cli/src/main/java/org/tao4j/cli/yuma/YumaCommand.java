package org.tao4j.cli.yuma;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tao4j.cli.ExitCodes;
import org.tao4j.cli.UserError;
import org.tao4j.conformance.ResultJson;
import org.tao4j.conformance.ScenarioFormatException;
import org.tao4j.conformance.ScenarioJson;
import org.tao4j.consensus.scenario.Scenario;
import org.tao4j.consensus.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tao yuma}: the Yuma Consensus simulator. The scenario format and the result JSON live in
 * tao-conformance (with the vector suite); this command only reads a file through it and prints.
 */
@Command(
        name = "yuma",
        mixinStandardHelpOptions = true,
        description = "Yuma Consensus simulator: run an epoch scenario without a chain.",
        subcommands = {YumaCommand.Run.class})
public final class YumaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run a scenario file (see docs/yuma-simulator.md) and print each epoch's result.",
            footer = {
                "",
                "Examples:",
                "  tao yuma run --scenario examples/yuma/bonds_example.json",
                "  tao yuma run --scenario my.json --json > result.json",
                "  tao yuma run --scenario examples/yuma/bonds_example.json --plot bonds.svg   (or .html)"
            })
    public static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario JSON file.")
        Path scenario;

        @Option(
                names = "--json",
                description = "Print exactly the result JSON of docs/spec/yuma-scenario.md and nothing else.")
        boolean json;

        @Option(
                names = "--plot",
                paramLabel = "FILE",
                description = "Also draw each neuron's incentive and dividends and the bonds over the epochs"
                        + " into FILE: .svg, or .html (the SVG in a page).")
        Path plot;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Scenario s;
            try {
                s = new ScenarioJson(w -> err.println("warning: " + w)).read(scenario);
            } catch (ScenarioFormatException e) {
                throw new UserError(e.getMessage());
            }
            String name = plot == null ? "" : plot.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (plot != null && !name.endsWith(".svg") && !name.endsWith(".html")) {
                throw new UserError("--plot " + plot + ": the file name must end in .svg or .html");
            }
            List<ScenarioRunner.EpochRecord> epochs = ScenarioRunner.run(s);
            if (plot != null) {
                String title = "Yuma scenario " + scenario.getFileName();
                String doc = name.endsWith(".svg") ? YumaPlot.svg(title, epochs) : YumaPlot.html(title, epochs);
                try {
                    java.nio.file.Files.writeString(plot, doc);
                } catch (java.io.IOException e) {
                    throw new UserError("--plot " + plot + ": cannot write it: " + e.getMessage());
                }
                if (!json) {
                    err.println("plot: " + plot);
                }
            }
            if (json) {
                out.println(ResultJson.toJson(epochs).toString());
            } else {
                ScenarioTable.print(s, stakesAtEpochs(s), epochs, out);
            }
            out.flush();
            return ExitCodes.OK;
        }

        /** The stake of each uid at each epoch step, for the table. */
        private static List<long[]> stakesAtEpochs(Scenario s) {
            long[] stake = new long[s.neurons().size()];
            for (int i = 0; i < stake.length; i++) {
                stake[i] = s.neurons().get(i).stake();
            }
            List<long[]> out = new ArrayList<>();
            for (Scenario.Step step : s.steps()) {
                switch (step) {
                    case Scenario.Replace r -> stake[r.uid()] = r.stake();
                    case Scenario.SetStake st -> stake[st.uid()] = st.stake();
                    case Scenario.RunEpoch e -> out.add(stake.clone());
                    case Scenario.SetWeights w -> {}
                }
            }
            return out;
        }
    }
}
