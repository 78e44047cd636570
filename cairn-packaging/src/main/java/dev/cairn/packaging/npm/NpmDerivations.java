package dev.cairn.packaging.npm;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.npm.LockedTarball;
import dev.cairn.inputs.npm.PackageLock;
import dev.cairn.packaging.PackagingException;
import dev.cairn.packaging.spec.BuildInput;
import dev.cairn.packaging.spec.CommandBuild;
import dev.cairn.packaging.spec.NpmBuild;
import dev.cairn.store.StorePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The npm builder, without npm: {@code package-lock.json} decides every package and where it
 * goes, each package is its tarball's store object ({@link LockedTarball}), and the build is
 * a bash script that lays out {@code node_modules} from those objects, links each package's
 * commands into {@code .bin}, runs the {@code build} script and then (when {@code runTests})
 * the {@code test} script as {@code npm run} would, and writes the app with its production
 * {@code node_modules} to {@code $out/lib/node_modules/<name>}, with a wrapper in
 * {@code $out/bin} for each of its own commands. The plan (which package goes where) is made
 * here, as data, and written into the script, so it is part of the derivation's hash.
 *
 * <p>Install scripts of dependencies ({@code preinstall}, {@code install},
 * {@code postinstall}) are not run, as cairn runs no Debian maintainer script: the packages
 * that have them are named in a warning.
 */
public final class NpmDerivations {
    private NpmDerivations() {}

    /**
     * What the packaging layer builds for an npm package: a command build (bash, from the
     * package's Node.js and the builder's tools) and the tarball objects it reads.
     */
    public record Plan(CommandBuild command, SortedSet<StorePath> tarballs) {}

    /** The lock's tarballs this package's build needs, checked against {@code package.json} first. */
    public static List<LockedTarball> tarballs(String address, NpmBuild spec) {
        return installed(address, spec, read(address, spec)).stream().map(PackageLock.Entry::tarball).toList();
    }

    public static Plan plan(String address, NpmBuild spec, Function<LockedTarball, StorePath> tarballs,
            Consumer<String> log) {
        PackageLock lock = read(address, spec);
        PackageJson manifest = PackageJson.read(spec.source().resolve("package.json"), spec.name());
        List<PackageLock.Entry> entries = installed(address, spec, lock);
        List<String> scripted = entries.stream().filter(PackageLock.Entry::hasInstallScript)
                .map(entry -> entry.name() + " " + entry.version()).toList();
        if (!scripted.isEmpty()) {
            log.accept("warning: " + address + ": cairn does not run the install scripts (preinstall, install, postinstall) of "
                    + String.join(", ", scripted) + "; a package needing them (a native addon) may not work");
        }
        Map<String, StorePath> objects = new LinkedHashMap<>();
        SortedSet<StorePath> paths = new TreeSet<>();
        for (PackageLock.Entry entry : entries) {
            StorePath object = tarballs.apply(entry.tarball());
            objects.put(entry.path(), object);
            paths.add(object);
        }
        String script = script(spec, manifest, entries, objects);
        List<BuildInput> inputs = new ArrayList<>();
        inputs.add(new BuildInput.DebianPackages(spec.tools()));
        inputs.addAll(spec.inputs());
        // The builder's exclusions become the command's own, so its $src is the npm package's.
        List<String> exclude = new ArrayList<>(spec.builderExcludes());
        exclude.addAll(spec.exclude());
        CommandBuild command = new CommandBuild(spec.name(), spec.version(), spec.source(), exclude, inputs, spec.env(),
                script, "bash");
        return new Plan(command, paths);
    }

    private static PackageLock read(String address, NpmBuild spec) {
        PackageLock lock;
        try {
            lock = PackageLock.read(spec.source().resolve("package-lock.json"));
        } catch (InputsException e) {
            throw new PackagingException(address + ": " + e.getMessage(), e.hint(), e);
        }
        PackageJson manifest = PackageJson.read(spec.source().resolve("package.json"), spec.name());
        Map<String, Map<String, String>> locked = Map.of("dependencies", lock.root().dependencies(),
                "devDependencies", lock.root().devDependencies(),
                "optionalDependencies", lock.root().optionalDependencies());
        for (String section : PackageJson.SECTIONS) {
            Map<String, String> declared = manifest.dependencies().get(section);
            for (Map.Entry<String, String> dependency : declared.entrySet()) {
                String name = dependency.getKey();
                boolean inLock = Objects.equals(locked.get(section).get(name), dependency.getValue())
                        && (lock.entries().containsKey("node_modules/" + name) || section.equals("optionalDependencies"));
                if (!inLock) {
                    throw stale(address, "package.json's " + section + " ask for " + name + " " + dependency.getValue()
                            + ", which package-lock.json does not have");
                }
            }
            for (String name : locked.get(section).keySet()) {
                if (!declared.containsKey(name)) {
                    throw stale(address, "package-lock.json has " + name + " in " + section + ", which package.json no longer asks for");
                }
            }
        }
        return lock;
    }

    private static PackagingException stale(String address, String what) {
        return new PackagingException(address + ": " + what + ": the lock is stale",
                "run npm install to update package-lock.json, then commit it");
    }

    /** The entries npm would install on linux x64: optional ones for another platform are left out. */
    private static List<PackageLock.Entry> installed(String address, NpmBuild spec, PackageLock lock) {
        List<PackageLock.Entry> entries = new ArrayList<>();
        for (PackageLock.Entry entry : lock.entries().values()) {
            if (!entry.installableOnLinuxX64()) {
                if (entry.optional()) {
                    continue;
                }
                throw new PackagingException(address + ": " + entry.path() + " (" + entry.name() + " " + entry.version()
                        + ") is for os " + entry.os() + ", cpu " + entry.cpu() + ", not linux x64",
                        "cairn builds on linux x64; depend on a package that runs there, or make it optional");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static String script(NpmBuild spec, PackageJson manifest, List<PackageLock.Entry> entries,
            Map<String, StorePath> objects) {
        StringBuilder s = new StringBuilder();
        s.append("# cairn's npm builder: node_modules from package-lock.json, each package from its store object\n");
        s.append("shopt -s dotglob nullglob\n");
        s.append("lay() { mkdir -p \"$2\" && cp -R \"$1/.\" \"$2/\" && chmod -R u+w \"$2\"; }\n");
        s.append("bin() { mkdir -p \"$1/.bin\" && ln -sfn \"../$2/$4\" \"$1/.bin/$3\"; if [ -f \"$1/$2/$4\" ]; then chmod +x \"$1/$2/$4\"; fi; }\n");
        s.append("run() {\n")
                .append("  echo \"> ").append(manifest.name()).append(" $1\"; echo \"> $2\"\n")
                .append("  npm_lifecycle_event=\"$1\" npm_package_name=").append(quote(manifest.name()))
                .append(" npm_package_version=").append(quote(spec.version()))
                .append(" bash -c \"$2\" || { status=$?; echo \"cairn: the npm script '$1' failed with exit code $status\" >&2; exit $status; }\n")
                .append("}\n");
        layout(s, "node_modules", entries, objects);
        s.append("export PATH=\"$PWD/node_modules/.bin:$PATH\"\n");
        List<String> events = new ArrayList<>(List.of("prebuild", "build", "postbuild"));
        if (spec.runTests()) {
            events.addAll(List.of("pretest", "test", "posttest"));
        }
        for (String event : events) {
            manifest.script(event).ifPresent(text -> s.append("run ").append(event).append(' ').append(quote(text)).append('\n'));
        }
        String app = "$out/lib/node_modules/" + manifest.name();
        s.append("app=\"").append(app).append("\"\n");
        s.append("mkdir -p \"$app\"\n");
        s.append("for f in *; do if [ \"$f\" != node_modules ]; then cp -R \"$f\" \"$app/\"; fi; done\n");
        List<PackageLock.Entry> production = entries.stream().filter(entry -> !entry.dev()).toList();
        layout(s, "$app/node_modules", production, objects);
        if (!manifest.bin().isEmpty()) {
            s.append("mkdir -p \"$out/bin\"\n");
        }
        manifest.bin().forEach((name, target) -> {
            String script = "$app/" + quoteInside(target);
            s.append("chmod +x \"").append(script).append("\"\n");
            // node from PATH, as java is for a Maven package: the runtime is what the operable
            // running the app puts there (Debian's nodejs, laid out at /usr), not a copy pinned here.
            s.append("printf '#!/bin/sh\\nexec node %s \"$@\"\\n' \"").append(script)
                    .append("\" > \"$out/bin/").append(quoteInside(name)).append("\"\n");
            s.append("chmod +x \"$out/bin/").append(quoteInside(name)).append("\"\n");
        });
        return s.toString();
    }

    /** Lays each entry's object out under {@code root} (a shell word, e.g. {@code "$app/node_modules"}), then its commands. */
    private static void layout(StringBuilder s, String root, List<PackageLock.Entry> entries, Map<String, StorePath> objects) {
        String base = root.equals("node_modules") ? "" : root.substring(0, root.length() - "node_modules".length());
        for (PackageLock.Entry entry : entries) {
            s.append("lay ").append(objects.get(entry.path())).append(" \"").append(base).append("\"")
                    .append(quote(entry.path())).append('\n');
        }
        for (PackageLock.Entry entry : entries) {
            int nested = entry.path().lastIndexOf("/node_modules/");
            String parent = nested < 0 ? "node_modules" : entry.path().substring(0, nested + "/node_modules".length());
            String dir = entry.path().substring(parent.length() + 1);
            entry.bin().forEach((name, target) -> s.append("bin \"").append(base).append("\"").append(quote(parent))
                    .append(' ').append(quote(dir)).append(' ').append(quote(name)).append(' ').append(quote(target)).append('\n'));
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A word inside double quotes: its {@code $ ` \ "} escaped. */
    private static String quoteInside(String word) {
        return word.replaceAll("([$`\\\\\"])", "\\\\$1");
    }
}
