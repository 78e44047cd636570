package dev.cairn.inputs.debian.index;

import java.util.function.IntPredicate;

/**
 * The version operators of Debian relations. The obsolete {@code <} and {@code >} mean
 * {@code <=} and {@code >=} (Policy 7.1) and are read as those, so nothing after parsing
 * needs to know they existed.
 */
public enum RelationOperator {
    EARLIER("<<", order -> order < 0),
    EARLIER_OR_EQUAL("<=", order -> order <= 0),
    EQUAL("=", order -> order == 0),
    LATER_OR_EQUAL(">=", order -> order >= 0),
    LATER(">>", order -> order > 0);

    private final String symbol;
    private final IntPredicate holds;

    RelationOperator(String symbol, IntPredicate holds) {
        this.symbol = symbol;
        this.holds = holds;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual <op> wanted} holds, in dpkg's order. */
    public boolean holds(DebianVersion actual, DebianVersion wanted) {
        return holds.test(actual.compareTo(wanted));
    }

    @Override
    public String toString() {
        return symbol;
    }
}
