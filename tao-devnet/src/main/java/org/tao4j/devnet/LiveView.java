package org.tao4j.devnet;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.sdk.neuron.Validator;

/**
 * The devnet's screen. On a terminal it redraws in place (cursor home, each line cleared to its end,
 * the rest of the screen cleared) so nothing scrolls; headless it prints one line per subnet epoch.
 */
final class LiveView {
    private static final String HOME = "\033[H";
    private static final String CLEAR_EOL = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final String CLEAR_SCREEN = "\033[2J";
    private static final String HIDE_CURSOR = "\033[?25l";
    private static final String SHOW_CURSOR = "\033[?25h";

    private final Devnet devnet;
    private final PrintStream out;
    private final boolean live;
    private final Deque<String> notes = new ArrayDeque<>();
    private final Map<Integer, Long> loggedEpochs = new HashMap<>();
    private boolean started;
    private TerminalSize size = TerminalSize.FALLBACK;
    private int sinceSizeCheck;

    LiveView(Devnet devnet, PrintStream out, boolean live) {
        this.devnet = devnet;
        this.out = out;
        this.live = live;
    }

    synchronized void note(String line) {
        notes.addLast(line);
        while (notes.size() > 4) {
            notes.removeFirst();
        }
    }

    synchronized void render(Devnet.Snapshot s) {
        if (!live) {
            for (Devnet.SubnetState st : s.subnets()) {
                long e = st.run().epochs();
                Long seen = loggedEpochs.put(st.run().netuid(), e);
                if (seen != null && seen != e) {
                    devnet.log(epochLine(s.block(), st));
                }
            }
            return;
        }
        if (sinceSizeCheck-- <= 0) {
            size = TerminalSize.detect(); // about every two seconds: a resized window is followed
            sinceSizeCheck = 8;
        }
        StringBuilder sb = new StringBuilder();
        if (!started) {
            sb.append(HIDE_CURSOR).append(CLEAR_SCREEN);
            started = true;
        }
        sb.append(HOME);
        for (String line : text(s).split("\n", -1)) {
            sb.append(line).append(CLEAR_EOL).append('\n');
        }
        sb.append(CLEAR_BELOW);
        out.print(sb);
        out.flush();
    }

    synchronized void finish() {
        if (live && started) {
            out.print(SHOW_CURSOR);
            out.flush();
        }
    }

    private String epochLine(long block, Devnet.SubnetState st) {
        MetagraphView mg = st.metagraph();
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "block %d subnet %d '%s' epoch %d:",
                block,
                st.run().netuid(),
                st.run().name(),
                st.run().epochs()));
        for (int uid = 0; uid < mg.n(); uid++) {
            Devnet.Member m = st.run().member(mg.hotkeys().get(uid));
            if (m == null || m.role() == Devnet.Role.OWNER) {
                continue;
            }
            if (m.role() == Devnet.Role.MINER) {
                sb.append(String.format(Locale.ROOT, " %s=I%.3f", m.label(), mg.incentive()[uid] / 65535.0));
            } else {
                sb.append(String.format(
                        Locale.ROOT,
                        " %s#%d=D%.3f",
                        m.role() == Devnet.Role.COPIER ? "copier" : "v",
                        uid,
                        mg.dividends()[uid] / 65535.0));
            }
        }
        if (devnet.access != null) {
            sb.append("; ").append(devnet.access.line(st.run()));
        }
        return sb.toString();
    }

    /** The legend under the tables: what the columns mean, and why dividends start at 0. */
    static final List<String> LEGEND = List.of(
            "incentive: a miner's share of the subnet's miner emission; dividends: a validator's share of the validators'.",
            "Dividends are 0 until a validator's weights count in an epoch: it needs a permit (given at the first",
            "epoch after it staked), then sets weights (revealed an epoch or more later under commit-reveal).");

    String text(Devnet.Snapshot s) {
        return text(s, size);
    }

    /** The screen for a terminal of {@code size}: columns dropped and rows cut so that it fits. */
    String text(Devnet.Snapshot s, TerminalSize size) {
        int width = size.columns();
        List<String> lines = new ArrayList<>();
        var sup = s.supply();
        lines.add(FittedTable.cut(
                String.format(
                        Locale.ROOT,
                        "tao devnet   block %d   issuance %s TAO   block emission %s TAO   up %ds   RSS %d MB",
                        s.block(),
                        tao(sup.totalIssuance()),
                        tao(s.blockEmission()),
                        devnet.elapsedMillis() / 1000,
                        Devnet.rssKb() / 1024),
                width));
        lines.add(FittedTable.cut(
                String.format(
                        Locale.ROOT,
                        "RPC %s   metrics %s   Ctrl-C stops (data stays in %s)",
                        devnet.rpcUrl(),
                        devnet.metricsUrl(),
                        devnet.options().basePath()),
                width));
        List<List<String>> tables = new ArrayList<>();
        for (Devnet.SubnetState st : s.subnets()) {
            Devnet.SubnetRun run = st.run();
            MetagraphView mg = st.metagraph();
            var hp = st.subnet().hyperparams();
            List<String> t = new ArrayList<>();
            t.add("");
            t.add(FittedTable.cut(
                    String.format(
                            Locale.ROOT,
                            "subnet %d  %s   tempo %d   epochs %d   emission %s TAO/block%s",
                            run.netuid(),
                            run.name(),
                            hp.tempo(),
                            run.epochs(),
                            tao(st.subnet().emissionValue()),
                            hp.commitRevealEnabled() ? "   commit-reveal on" : ""),
                    width));
            if (devnet.access != null) {
                t.add(FittedTable.cut(devnet.access.line(run), width));
            }
            // what goes first when the terminal is narrow: the validators' last scores, then the permit,
            // strategy, stake and emission; uid, role, incentive and dividends stay
            FittedTable table = new FittedTable()
                    .column("uid", 0, true)
                    .column("role", 0, false)
                    .column("strategy", 5, false)
                    .column("stake", 4, true)
                    .column("permit", 6, false)
                    .column("incentive", 0, true)
                    .column("dividends", 0, true)
                    .column("emission", 3, true);
            var validators =
                    run.validators().stream().filter(v -> !v.isWeightCopier()).toList();
            for (Validator<?, ?> v : validators) {
                table.column("v" + v.uid(), 7, true);
            }
            for (int uid = 0; uid < mg.n(); uid++) {
                Devnet.Member m = run.member(mg.hotkeys().get(uid));
                String role = m == null ? "?" : m.role() == Devnet.Role.COPIER ? "copier" : m.roleName();
                List<String> cells = new ArrayList<>(List.of(
                        String.valueOf(uid),
                        role,
                        m == null ? "" : m.label(),
                        tao(mg.stake()[uid]),
                        mg.validatorPermit()[uid] ? "yes" : "",
                        String.format(Locale.ROOT, "%.4f", mg.incentive()[uid] / 65535.0),
                        String.format(Locale.ROOT, "%.4f", mg.dividends()[uid] / 65535.0),
                        tao(mg.emission()[uid])));
                for (Validator<?, ?> v : validators) {
                    Double sc = v.lastScores().get(uid);
                    cells.add(sc == null ? "-" : String.format(Locale.ROOT, "%.3f", sc));
                }
                table.row(cells);
            }
            t.addAll(table.lines(width));
            tables.add(t);
        }
        // rows: the header lines and the subnet headings stay; a subnet's table is cut to its share of
        // what is left, the legend and notes go first
        List<String> legend = new ArrayList<>();
        legend.add("");
        LEGEND.forEach(l -> legend.add(FittedTable.cut(l, width)));
        List<String> notesBlock = new ArrayList<>();
        if (!notes.isEmpty()) {
            notesBlock.add("");
            notes.forEach(n -> notesBlock.add(FittedTable.cut(n, width)));
        }
        int tableLines = tables.stream().mapToInt(List::size).sum();
        int room = size.rows() - 1 - lines.size(); // the last row stays free for the cursor
        boolean withLegend = tableLines + legend.size() + notesBlock.size() <= room;
        boolean withNotes = tableLines + notesBlock.size() <= room;
        int left = room - (withLegend ? legend.size() : 0) - (withNotes ? notesBlock.size() : 0);
        for (int k = 0; k < tables.size(); k++) {
            List<String> t = tables.get(k);
            int share = Math.max(4, left / (tables.size() - k));
            if (t.size() <= share) {
                lines.addAll(t);
                left -= t.size();
            } else {
                int keep = Math.max(3, share - 1); // blank, heading, column header at least
                lines.addAll(t.subList(0, keep));
                lines.add("  … " + (t.size() - keep) + " more uids (a taller terminal shows them)");
                left -= keep + 1;
            }
        }
        if (withNotes) {
            lines.addAll(notesBlock);
        }
        if (withLegend) {
            lines.addAll(legend);
        }
        return String.join("\n", lines) + "\n";
    }

    static String tao(long rao) {
        return String.format(Locale.ROOT, "%.3f", rao / 1e9);
    }
}
