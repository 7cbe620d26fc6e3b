package org.tao4j.cli.yuma;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.SparseRow;
import org.tao4j.consensus.scenario.ScenarioRunner.EpochRecord;

/**
 * {@code tao yuma run --plot}: each neuron's incentive and dividends, and the bonds, over a scenario's
 * epochs, as an SVG drawn here (no library, no script): three panels sharing the epoch axis. Bonds
 * are drawn for the {@value #MAX_BOND_LINES} (validator, miner) pairs with the largest bond; the
 * caption says when more exist.
 */
public final class YumaPlot {

    /** Most bond lines drawn (a scenario of n neurons has up to n² pairs). */
    static final int MAX_BOND_LINES = 24;

    static final String[] COLOURS = {
        "#1d4ed8", "#b91c1c", "#15803d", "#b45309", "#7c3aed", "#0e7490", "#be185d", "#4d7c0f", "#c2410c", "#334155"
    };

    private static final int W = 760, PANEL = 210, L = 56, R = 150, T = 30, GAP = 46;

    private YumaPlot() {}

    /** The plot as a standalone SVG document. */
    public static String svg(String title, List<EpochRecord> epochs) {
        int n = epochs.isEmpty() ? 0 : epochs.get(0).result().neurons().size();
        int h = T + 3 * (PANEL + GAP);
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                        + " font-family=\"sans-serif\" font-size=\"11\">",
                W,
                h,
                W,
                h));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        s.append("<text x=\"")
                .append(L)
                .append("\" y=\"18\" font-size=\"14\" font-weight=\"bold\">")
                .append(esc(title))
                .append("</text>");
        List<List<Double>> inc = new ArrayList<>(), div = new ArrayList<>();
        for (int uid = 0; uid < n; uid++) {
            List<Double> a = new ArrayList<>(), b = new ArrayList<>();
            for (EpochRecord e : epochs) {
                NeuronResult r = e.result().neurons().get(uid);
                a.add(r.incentive() / 65535.0);
                b.add(r.dividends() / 65535.0);
            }
            inc.add(a);
            div.add(b);
        }
        List<String> labels = new ArrayList<>();
        for (int uid = 0; uid < n; uid++) {
            labels.add("uid " + uid);
        }
        panel(s, T, "incentive", inc, labels, 1.0, epochs.size());
        panel(s, T + PANEL + GAP, "dividends", div, labels, 1.0, epochs.size());
        // bonds: the pairs with the largest bond at any epoch
        record Pair(int from, int to, double max) {}
        List<Pair> pairs = new ArrayList<>();
        double top = 0;
        for (int from = 0; from < n; from++) {
            for (int to = 0; to < n; to++) {
                double m = 0;
                for (EpochRecord e : epochs) {
                    m = Math.max(m, bond(e.bondsAfter().get(from), to));
                }
                if (m > 0) {
                    pairs.add(new Pair(from, to, m));
                    top = Math.max(top, m);
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::max).reversed());
        List<List<Double>> bl = new ArrayList<>();
        List<String> bLabels = new ArrayList<>();
        for (Pair p : pairs.subList(0, Math.min(MAX_BOND_LINES, pairs.size()))) {
            List<Double> line = new ArrayList<>();
            for (EpochRecord e : epochs) {
                line.add(bond(e.bondsAfter().get(p.from()), p.to()));
            }
            bl.add(line);
            bLabels.add(p.from() + " → " + p.to());
        }
        String bondTitle = "bonds (validator → miner, raw values"
                + (pairs.size() > MAX_BOND_LINES
                        ? "; the " + MAX_BOND_LINES + " largest of " + pairs.size() + " pairs"
                        : "")
                + ")";
        panel(s, T + 2 * (PANEL + GAP), bondTitle, bl, bLabels, top > 0 ? top : 1, epochs.size());
        return s.append("</svg>\n").toString();
    }

    /** The SVG in a minimal HTML page. */
    public static String html(String title, List<EpochRecord> epochs) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title></head>\n<body style=\"margin:1rem;background:#f8fafc\">\n" + svg(title, epochs)
                + "</body></html>\n";
    }

    private static double bond(SparseRow row, int to) {
        if (row == null) {
            return 0;
        }
        for (int k = 0; k < row.size(); k++) {
            if (row.dest(k) == to) {
                return row.value(k);
            }
        }
        return 0;
    }

    private static void panel(
            StringBuilder s,
            int y0,
            String title,
            List<List<Double>> lines,
            List<String> labels,
            double max,
            int epochs) {
        int x1 = W - R, y1 = y0 + PANEL;
        s.append(String.format(Locale.ROOT, "<g class=\"panel\" data-title=\"%s\">", esc(title)));
        s.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>", L, y0 + 12, esc(title)));
        int top = y0 + 20;
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#94a3b8\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#94a3b8\"/>",
                L,
                y1,
                x1,
                y1,
                L,
                top,
                L,
                y1));
        for (double f : new double[] {0, 0.5, 1}) {
            double y = y1 - (y1 - top) * f;
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#6b7280\">%s</text>",
                    L - 4,
                    y + 4,
                    max == 1.0 ? String.format(Locale.ROOT, "%.1f", f) : String.format(Locale.ROOT, "%.0f", f * max)));
        }
        int last = Math.max(1, epochs - 1);
        for (int e = 0; e < epochs; e += Math.max(1, epochs / 10)) {
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#6b7280\">%d</text>",
                    L + (x1 - L) * (double) e / last,
                    y1 + 14,
                    e));
        }
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#6b7280\">epoch</text>",
                (L + x1) / 2,
                y1 + 28));
        for (int i = 0; i < lines.size(); i++) {
            List<Double> line = lines.get(i);
            StringBuilder d = new StringBuilder();
            for (int e = 0; e < line.size(); e++) {
                double x = L + (x1 - L) * (double) e / last;
                double y = y1 - (y1 - top) * Math.min(1, line.get(e) / max);
                d.append(e == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            String c = COLOURS[i % COLOURS.length];
            s.append(String.format(
                    Locale.ROOT,
                    "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"><title>%s</title></path>",
                    d,
                    c,
                    esc(labels.get(i))));
            if (i < 14) {
                int ly = top + 4 + i * 13;
                s.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">%s</text>",
                        x1 + 10,
                        ly,
                        x1 + 24,
                        ly,
                        c,
                        x1 + 28,
                        ly + 4,
                        esc(labels.get(i))));
            } else if (i == 14) {
                s.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" fill=\"#6b7280\">… %d more</text>",
                        x1 + 10,
                        top + 4 + i * 13 + 4,
                        lines.size() - 14));
            }
        }
        if (lines.isEmpty()) {
            s.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#6b7280\">none</text>", L + 10, (top + y1) / 2));
        }
        s.append("</g>");
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
