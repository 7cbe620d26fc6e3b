package org.tao4j.subnets.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tao4j.sdk.combine.AnswerCombiner;

/**
 * How the text subnet combines its miners' answers: for every task and position, the
 * incentive-weighted mixture of the miners' distributions, {@code sum_i w_i p_i} (renormalised to sum
 * exactly to 1). A miner's answer is used when it is valid for every task of the round
 * ({@link TextScoring#isValid}). A mixture never assigns a symbol less than {@code w_i p_i}, so it is
 * never much worse than a heavy miner in bits per character, and it hedges where they disagree.
 */
public final class TextCombiner implements AnswerCombiner<TextRound, TextPredictions> {
    @Override
    public Optional<Combined<TextPredictions>> combine(TextRound round, List<WeightedAnswer<TextPredictions>> answers) {
        List<TextTask> tasks = round.tasks();
        List<List<double[][]>> valid = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (WeightedAnswer<TextPredictions> a : answers) {
            List<double[][]> d = a.answer() == null ? null : a.answer().distributions();
            if (validFor(d, tasks)) {
                valid.add(d);
                weights.add(a.weight());
                used.add(a.uid());
            }
        }
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        double[] raw = new double[weights.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = weights.get(i);
        }
        double[] w = AnswerCombiner.normalise(raw);
        List<double[][]> out = new ArrayList<>(tasks.size());
        for (int t = 0; t < tasks.size(); t++) {
            double[][] mix = new double[tasks.get(t).predictPositions()][Alphabet.SIZE];
            for (int j = 0; j < mix.length; j++) {
                double sum = 0;
                for (int i = 0; i < valid.size(); i++) {
                    double[] p = valid.get(i).get(t)[j];
                    for (int c = 0; c < Alphabet.SIZE; c++) {
                        mix[j][c] += w[i] * p[c];
                    }
                }
                for (double v : mix[j]) {
                    sum += v;
                }
                for (int c = 0; c < Alphabet.SIZE; c++) {
                    mix[j][c] /= sum;
                }
            }
            out.add(mix);
        }
        return Optional.of(new Combined<>(new TextPredictions(out), used));
    }

    private static boolean validFor(List<double[][]> d, List<TextTask> tasks) {
        if (d == null || d.size() != tasks.size()) {
            return false;
        }
        for (int t = 0; t < tasks.size(); t++) {
            if (!TextScoring.isValid(d.get(t), tasks.get(t).predictPositions())) {
                return false;
            }
        }
        return true;
    }
}
