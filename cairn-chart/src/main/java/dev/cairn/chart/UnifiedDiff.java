package dev.cairn.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference of two texts as {@code diff -u} prints it: {@code ---}/{@code +++} headers,
 * then hunks {@code @@ -a,n +b,m @@} with three lines of context. Rendered manifests are a few
 * hundred lines, so a longest-common-subsequence table is small enough and gives the shortest edit.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The unified diff of {@code a} and {@code b}; empty when they are the same. */
    public static String of(String aName, String a, String bName, String b) {
        List<String> left = a.lines().toList();
        List<String> right = b.lines().toList();
        List<Edit> edits = edits(left, right);
        if (edits.stream().allMatch(edit -> edit.kind == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(aName).append('\n').append("+++ ").append(bName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while the next change is within two contexts
            int unchanged = 0;
            for (int j = i; j < edits.size(); j++) {
                if (edits.get(j).kind == ' ') {
                    unchanged++;
                    if (unchanged > 2 * CONTEXT) {
                        break;
                    }
                } else {
                    unchanged = 0;
                    end = j;
                }
            }
            int stop = Math.min(edits.size(), end + 1 + CONTEXT);
            List<Edit> hunk = edits.subList(start, stop);
            int leftStart = hunk.get(0).left;
            int rightStart = hunk.get(0).right;
            long leftCount = hunk.stream().filter(e -> e.kind != '+').count();
            long rightCount = hunk.stream().filter(e -> e.kind != '-').count();
            out.append("@@ -").append(range(leftStart, leftCount)).append(" +").append(range(rightStart, rightCount))
                    .append(" @@\n");
            for (Edit edit : hunk) {
                out.append(edit.kind).append(edit.line).append('\n');
            }
            i = stop;
        }
        return out.toString();
    }

    private static String range(int start, long count) {
        long first = count == 0 ? start : start + 1;
        return count == 1 ? String.valueOf(first) : first + "," + count;
    }

    /** One line of the edit script: kept ({@code ' '}), removed ({@code '-'}) or added ({@code '+'}), and where. */
    private record Edit(char kind, String line, int left, int right) {}

    private static List<Edit> edits(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i, j));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i, j));
                i++;
            } else {
                edits.add(new Edit('+', b.get(j), i, j));
                j++;
            }
        }
        return edits;
    }
}
