package dev.cairn.packaging.maven;

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
 * <p>Both add a runtime-classpath step with the dependency plugin named by full coordinates,
 * so that no plugin-prefix metadata is needed and the version is the one the lock recorded.
 */
public final class MavenSteps {
    /** The plugin that writes the runtime classpath; the locking run downloads exactly this version. */
    public static final String CLASSPATH_GOAL = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
    /** Where the build's local repository lies. */
    public static final String REPOSITORY = "/build/.m2/repository";
    /** The settings file of the locking run: a mirror of every repository at the configured address. */
    public static final String LOCK_SETTINGS = "/build/.cairn-settings.xml";
    private static final String CLASSPATH_FILE = "/build/.cairn-classpath";
    private static final String FILES_END = "CAIRN_MAVEN_FILES";
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
        command.addAll(common(spec));
        return command;
    }

    /** {@code mvn} for the build: offline, from the repository of store objects. */
    public static List<String> buildCommand(MavenBuild spec) {
        List<String> command = new ArrayList<>(List.of("mvn", "-o", "-B", "-Dmaven.repo.local=" + REPOSITORY));
        command.addAll(common(spec));
        return command;
    }

    private static List<String> common(MavenBuild spec) {
        List<String> arguments = new ArrayList<>(spec.extraArgs());
        arguments.addAll(spec.goals());
        arguments.addAll(List.of(CLASSPATH_GOAL, "-Dmdep.outputFile=" + CLASSPATH_FILE, "-DincludeScope=runtime"));
        return arguments;
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
     * The build's script: the local repository as symbolic links to the store objects, the
     * build, then {@code $out/share/java}: the project's jars from {@code target/} and
     * {@code classpath}, the runtime dependencies as store paths joined by {@code :}.
     */
    public static String buildScript(MavenBuild spec, SortedMap<String, StorePath> repository) {
        StringBuilder script = new StringBuilder();
        script.append("repository=").append(REPOSITORY).append('\n');
        // Directories first, in one mkdir: a process per file costs more than Maven's own start.
        script.append("paths=() objects=() directories=()\n")
                .append("while read -r path object; do\n")
                .append("  paths+=(\"$repository/$path\") objects+=(\"$object\") directories+=(\"$repository/${path%/*}\")\n")
                .append("done <<'").append(FILES_END).append("'\n");
        repository.forEach((path, object) -> script.append(path).append(' ').append(object).append('\n'));
        script.append(FILES_END).append('\n');
        script.append("[ \"${#directories[@]}\" -eq 0 ] || mkdir -p \"${directories[@]}\"\n")
                .append("for i in \"${!paths[@]}\"; do ln -s \"${objects[$i]}\" \"${paths[$i]}\"; done\n");
        script.append(quoted(buildCommand(spec))).append('\n');
        script.append("""
                mkdir -p "$out/share/java"
                for jar in target/*.jar; do
                  case "$jar" in
                    *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
                    *) cp "$jar" "$out/share/java/" ;;
                  esac
                done
                entries=()
                IFS=: read -r -a entries < %s || true
                classpath=
                for entry in "${entries[@]}"; do
                  classpath="${classpath:+$classpath:}$(readlink -f "$entry")"
                done
                printf '%%s\\n' "$classpath" > "$out/share/java/classpath"
                """.formatted(CLASSPATH_FILE));
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
