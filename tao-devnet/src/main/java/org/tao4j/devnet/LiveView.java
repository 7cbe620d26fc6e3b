package org.tao4j.devnet;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
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
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "block %d subnet %d '%s' epoch %d:", block,
                st.run().netuid(), st.run().name(), st.run().epochs()));
        for (int uid = 0; uid < mg.n(); uid++) {
            Devnet.Member m = st.run().member(mg.hotkeys().get(uid));
            if (m == null || m.role() == Devnet.Role.OWNER) {
                continue;
            }
            if (m.role() == Devnet.Role.MINER) {
                sb.append(String.format(Locale.ROOT, " %s=I%.3f", m.label(), mg.incentive()[uid] / 65535.0));
            } else {
                sb.append(String.format(Locale.ROOT, " %s#%d=D%.3f", m.role() == Devnet.Role.COPIER ? "copier" : "v",
                        uid, mg.dividends()[uid] / 65535.0));
            }
        }
        return sb.toString();
    }

    String text(Devnet.Snapshot s) {
        StringBuilder sb = new StringBuilder();
        var sup = s.supply();
        sb.append(String.format(Locale.ROOT,
                "tao devnet   block %d   issuance %s TAO   block emission %s TAO   up %ds   RSS %d MB%n", s.block(),
                tao(sup.totalIssuance()), tao(s.blockEmission()), devnet.elapsedMillis() / 1000,
                Devnet.rssKb() / 1024));
        sb.append(String.format(Locale.ROOT, "RPC %s   metrics %s   Ctrl-C stops (data stays in %s)%n", devnet.rpcUrl(),
                devnet.metricsUrl(), devnet.options().basePath()));
        for (Devnet.SubnetState st : s.subnets()) {
            Devnet.SubnetRun run = st.run();
            MetagraphView mg = st.metagraph();
            var hp = st.subnet().hyperparams();
            sb.append('\n');
            sb.append(String.format(Locale.ROOT,
                    "subnet %d  %s   tempo %d   epochs %d   emission %s TAO/block%s%n", run.netuid(), run.name(),
                    hp.tempo(), run.epochs(), tao(st.subnet().emissionValue()),
                    hp.commitRevealEnabled() ? "   commit-reveal on" : ""));
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%4s %-9s %-15s %10s %6s %9s %9s %12s",
                    "uid", "role", "strategy", "stake", "permit", "incentive", "dividends", "emission"));
            var validators = run.validators();
            for (Validator<?, ?> v : validators) {
                if (!v.isWeightCopier()) {
                    head.append(String.format(Locale.ROOT, " %6s", "v" + v.uid()));
                }
            }
            sb.append(head).append("  <- last score by validator\n");
            for (int uid = 0; uid < mg.n(); uid++) {
                Devnet.Member m = run.member(mg.hotkeys().get(uid));
                String role = m == null ? "?" : m.role() == Devnet.Role.COPIER ? "copier" : m.roleName();
                sb.append(String.format(Locale.ROOT, "%4d %-9s %-15s %10s %6s %9.4f %9.4f %12s", uid, role,
                        m == null ? "" : m.label(), tao(mg.stake()[uid]), mg.validatorPermit()[uid] ? "yes" : "",
                        mg.incentive()[uid] / 65535.0, mg.dividends()[uid] / 65535.0, tao(mg.emission()[uid])));
                for (Validator<?, ?> v : validators) {
                    if (!v.isWeightCopier()) {
                        Double sc = v.lastScores().get(uid);
                        sb.append(sc == null ? String.format(Locale.ROOT, " %6s", "-")
                                : String.format(Locale.ROOT, " %6.3f", sc));
                    }
                }
                sb.append('\n');
            }
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append(n).append('\n'));
        }
        return sb.toString();
    }

    static String tao(long rao) {
        return String.format(Locale.ROOT, "%.3f", rao / 1e9);
    }
}
