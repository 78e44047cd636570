package dev.cairn.packaging.spec;

import dev.cairn.store.TreeFilter;
import java.util.List;
import java.util.Objects;

/**
 * What of a package's source directory enters the store, so what its {@code $src} and output
 * paths depend on: every entry no pattern excludes ({@link ExcludePattern}, .gitignore's rules
 * without {@code !}). A directory excluded is not read at all; one left with nothing kept is
 * dropped by the store ({@link dev.cairn.store.Store#add(java.nio.file.Path, String, TreeFilter)}).
 */
public final class SourceFilter implements TreeFilter {
    /**
     * Left out of every source: version control's own data and editors' backup, swap and lock
     * files. None is source, and each changes while the source does not (a commit, an open
     * editor), which would give the same source another store path.
     */
    public static final List<String> ALWAYS = List.of(".git", ".hg", ".svn", ".jj", "*~", ".*.sw?", ".#*");

    private final List<String> texts;
    private final List<ExcludePattern> patterns;

    private SourceFilter(List<String> texts) {
        this.texts = List.copyOf(texts);
        this.patterns = this.texts.stream().map(ExcludePattern::parse).toList();
    }

    /** {@link #ALWAYS}, then {@code patterns}; fails naming the first pattern that is not one. */
    public static SourceFilter excluding(List<String> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        return new SourceFilter(java.util.stream.Stream.concat(ALWAYS.stream(), patterns.stream()).toList());
    }

    /** The patterns as written, each parsed once: a package's {@code exclude} is checked when it is declared. */
    static List<String> checked(List<String> patterns) {
        List<String> copy = List.copyOf(patterns);
        copy.forEach(ExcludePattern::parse);
        return copy;
    }

    @Override
    public boolean keeps(String relativePath, boolean directory) {
        for (ExcludePattern pattern : patterns) {
            if (pattern.matches(relativePath, directory)) {
                return false;
            }
        }
        return true;
    }

    /** Every pattern applied, {@link #ALWAYS} first. */
    public List<String> patterns() {
        return texts;
    }

    @Override
    public String toString() {
        return "exclude " + texts;
    }
}
