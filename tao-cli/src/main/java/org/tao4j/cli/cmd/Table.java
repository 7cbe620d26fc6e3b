package org.tao4j.cli.cmd;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** An aligned text table; the header is bold only on a TTY. */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = header;
    }

    public Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    public List<String[]> rows() {
        return rows;
    }

    // a number, an amount (τ1.5, 12 rao), a share or percentage; "-" (nothing) fits any column
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?τ?[0-9][0-9_,]*(\\.[0-9]+)?( rao|%)?");

    public String render(boolean colour) {
        int[] w = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        java.util.Arrays.fill(numeric, !rows.isEmpty());
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                String c = r[i] == null ? "null" : r[i];
                w[i] = Math.max(w[i], c.length());
                if (!c.isEmpty() && !c.equals("-") && !NUMBER.matcher(c).matches()) {
                    numeric[i] = false;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        // a column is aligned one way, header included: numbers to the right, text to the left
        line(sb, header, w, numeric);
        if (colour) {
            sb.insert(0, "\u001b[1m").append("\u001b[0m");
        }
        sb.append('\n');
        for (String[] r : rows) {
            line(sb, r, w, numeric);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w, boolean[] numeric) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "null" : cells[i];
            String pad = " ".repeat(w[i] - c.length());
            l.append(numeric[i] ? pad + c : c + pad);
            if (i < cells.length - 1) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing());
    }

    public void print(PrintWriter out) {
        out.print(render(System.console() != null));
        out.flush();
    }
}
