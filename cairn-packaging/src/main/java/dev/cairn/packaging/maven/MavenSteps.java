package dev.cairn.packaging.maven;

import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.spec.MavenBuild;
import dev.cairn.store.StorePath;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * What a Maven package's builds run, as data: the {@code mvn} command of the locking run (with
 * network, into a fresh local repository) and of the build (offline, from a repository of
 * store objects), which must ask for the same things, and the build's whole script.
 *
 * <p>The locking run adds a runtime-classpath step with the dependency plugin named by full
 * coordinates (no plugin-prefix metadata needed); the lock records its answer, so builds write
 * the classpath from the lock and do not run the plugin again.
 */
public final class MavenSteps {
    /** The plugin that writes the runtime classpath in the locking run. */
    public static final String CLASSPATH_GOAL = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
    /** Where the locking run's local repository lies: in /build, where cairn reads what it downloaded. */
    public static final String REPOSITORY = "/build/.m2/repository";
    /**
     * Where the build's local repository lies: in the sandbox's own tmpfs, since it is hundreds
     * of symbolic links nobody reads after the build, which cost more to delete from a disk than
     * to make.
     */
    public static final String BUILD_REPOSITORY = "/tmp/.m2/repository";
    /** Where the build sees the locked repository files, each its own store object, as one read-only tree. */
    public static final String REPOSITORY_TREE = "/cairn/maven-repository";
    /** The settings file of the locking run: a mirror of every repository at the configured address. */
    public static final String LOCK_SETTINGS = "/build/.cairn-settings.xml";
    /** Where the locking run's classpath step writes the runtime classpath. */
    public static final String CLASSPATH_FILE = "/build/.cairn-classpath";
    private MavenSteps() {}

    /** The Debian tools a Maven build runs with: its JDK and Maven, and a shell for the script around them. */
    public static List<String> tools(MavenBuild spec) {
        return spec.tools();
    }

    /**
     * {@code mvn} for the locking run: online through the generated settings, into a fresh
     * repository, running the tests (so surefire's providers are recorded) without failing on them.
     */
    public static List<String> lockCommand(MavenBuild spec) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-s", LOCK_SETTINGS,
                "-Dmaven.repo.local=" + REPOSITORY, "-Dmaven.test.failure.ignore=true"));
        command.addAll(spec.extraArgs());
        command.addAll(spec.goals());
        command.addAll(List.of(CLASSPATH_GOAL, "-Dmdep.outputFile=" + CLASSPATH_FILE, "-DincludeScope=runtime"));
        return command;
    }

    /** {@code mvn} for the build: offline, from the repository of store objects, the goals alone. */
    public static List<String> buildCommand(MavenBuild spec) {
        List<String> command = new ArrayList<>(List.of("mvn", "-o", "-B", "-Dmaven.repo.local=" + BUILD_REPOSITORY));
        command.addAll(spec.extraArgs());
        command.addAll(spec.goals());
        return command;
    }

    /**
     * The repository paths of the locking run's classpath file: absolute paths into
     * {@link #REPOSITORY}, joined by {@code :}. An entry outside it is refused.
     */
    public static List<String> classpathEntries(String text) {
        List<String> entries = new ArrayList<>();
        for (String entry : text.strip().split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.startsWith(REPOSITORY + "/")) {
                throw new PackagingException("the locking run's classpath has " + entry
                        + ", which is not in its repository " + REPOSITORY,
                        "check the package's extraArgs: they must not move the local repository");
            }
            entries.add(entry.substring(REPOSITORY.length() + 1));
        }
        return List.copyOf(entries);
    }

    /** The settings of the locking run: {@code url} mirrors every repository a pom may name. */
    public static String lockSettings(String repositoryName, String url) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <settings>
                  <mirrors>
                    <mirror>
                      <id>%s</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(xml(repositoryName), xml(url));
    }

    /** The locking run's script. */
    public static String lockScript(MavenBuild spec) {
        return quoted(lockCommand(spec)) + "\n";
    }

    /**
     * The build's script: the local repository ({@link #BUILD_REPOSITORY}) as symbolic links into {@link #REPOSITORY_TREE}
     * (one {@code cp}: Maven writes beside the files it reads, so its repository must be writable,
     * the tree is not), the build, then {@code $out/share/java}: the project's jars from
     * {@code target/} and {@code classpath}, the locked runtime classpath's entries as store paths
     * joined by {@code :}.
     */
    public static String buildScript(MavenBuild spec, SortedMap<String, StorePath> repository, List<String> classpath) {
        StringBuilder script = new StringBuilder();
        script.append("mkdir -p ").append(BUILD_REPOSITORY.substring(0, BUILD_REPOSITORY.lastIndexOf('/'))).append('\n')
                .append("cp -R --symbolic-link ").append(REPOSITORY_TREE).append(' ').append(BUILD_REPOSITORY).append('\n');
        script.append(quoted(buildCommand(spec))).append('\n');
        script.append("""
                mkdir -p "$out/share/java"
                for jar in target/*.jar; do
                  case "$jar" in
                    *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
                    *) cp "$jar" "$out/share/java/" ;;
                  esac
                done
                classpath=%s
                printf '%%s\\n' "$classpath" > "$out/share/java/classpath"
                """.formatted(quoted(List.of(storeClasspath(repository, classpath)))));
        if (spec.mainClass() != null) {
            script.append(launcher(spec));
        }
        return script.toString();
    }

    /**
     * {@code $out/bin/<name>}: the JRE's {@code java} from {@code PATH} (the runtime is the
     * operable's to choose), {@code JAVA_OPTS} split into words as every Java launcher does, the
     * project's one jar and the runtime classpath, all by store path.
     */
    private static String launcher(MavenBuild spec) {
        String name = spec.name();
        return """
                jars=("$out"/share/java/*.jar)
                if [ "${#jars[@]}" -ne 1 ] || [ ! -f "${jars[0]}" ]; then
                  echo "cairn: mainClass is set, so the project must make exactly one jar; target/ holds: ${jars[*]}" >&2
                  exit 1
                fi
                mkdir -p "$out/bin"
                {
                  printf '#!/bin/sh\\n'
                  printf '# Runs %1$s with the java on PATH; JAVA_OPTS adds options for the JVM.\\n'
                  printf '# shellcheck disable=SC2086 # JAVA_OPTS is split into words on purpose\\n'
                  printf 'exec java ${JAVA_OPTS-} -cp %%s %1$s "$@"\\n' "${jars[0]}${classpath:+:$classpath}"
                } > "$out/bin/%2$s"
                chmod +x "$out/bin/%2$s"
                """.formatted(spec.mainClass(), name);
    }

    /** The classpath's store paths; the lock holds each entry among the project's files. */
    private static String storeClasspath(SortedMap<String, StorePath> repository, List<String> classpath) {
        return String.join(":", classpath.stream().map(entry -> repository.get(entry).toString()).toList());
    }

    private static String quoted(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(word.matches("[A-Za-z0-9_./:=+,@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
