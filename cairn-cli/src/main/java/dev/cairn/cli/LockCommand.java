package dev.cairn.cli;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.ArchiveSettings;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.debian.index.PackageIndex;
import dev.cairn.inputs.debian.pin.IndexFetcher;
import dev.cairn.inputs.debian.pin.LockCheck;
import dev.cairn.inputs.debian.pin.LockDiff;
import dev.cairn.inputs.debian.pin.Locker;
import dev.cairn.inputs.debian.pin.RequestSet;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lock", mixinStandardHelpOptions = true,
        description = {"Resolve the Debian packages the workspace asks for against the repositories' signed indexes"
                + " and pin the result in cairn.lock; print what changed.",
                "Maven packages are built once with network into a fresh local repository; every file they"
                        + " downloaded is pinned by SHA-256.",
                "Fetched packages' files are downloaded once, from the repositories the user configures,"
                        + " and pinned by SHA-256 and size.",
                "Every other verb reads cairn.lock only: it never resolves and never reads an index."})
final class LockCommand implements Callable<Integer> {
    @Option(names = "--check",
            description = "Only check that cairn.lock answers exactly what the workspace asks for; reads no index.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = WorkspaceTargets.open(spec)) {
            List<RequestSet> wanted = DebianRequests.of(workspace.targets());
            Path file = workspace.root().resolve(LockFile.FILE_NAME);
            Lock current = LockFile.read(file);
            if (check) {
                List<String> problems = new java.util.ArrayList<>(MavenLocks.problems(current, workspace.targets()));
                problems.addAll(FetchLocks.problems(current, workspace.targets()));
                return check(current, wanted, problems, err);
            }
            if (wanted.isEmpty() && FetchLocks.packages(workspace.targets()).isEmpty() && !Files.exists(file)) {
                err.println("cairn: no target asks for Debian packages or fetched files; nothing to lock");
                err.flush();
                return 0;
            }
            Lock debian = resolve(workspace.archiveSettings(), wanted, Output.log(err));
            // Maven packages are locked by building them once with their pinned JDK and Maven: from the Debian part.
            Lock fresh = FetchLocks.lock(workspace.targets(), current,
                    MavenLocks.lock(workspace, debian, Output.log(err)), Output.log(err));
            List<String> changes = new java.util.ArrayList<>(LockDiff.between(current, fresh).lines());
            changes.addAll(MavenLocks.diff(current, fresh));
            changes.addAll(FetchLocks.diff(current, fresh));
            if (!Files.exists(file) || !Arrays.equals(LockFile.bytes(current), LockFile.bytes(fresh))) {
                LockFile.write(file, fresh);
            }
            changes.forEach(out::println);
            out.flush();
            err.println("cairn: " + LockFile.FILE_NAME + ": " + fresh.sets().size() + " set"
                    + (fresh.sets().size() == 1 ? "" : "s") + ", " + fresh.packages().size() + " packages"
                    + (fresh.mavenProjects().isEmpty() ? "" : ", " + fresh.mavenProjects().size() + " Maven project"
                            + (fresh.mavenProjects().size() == 1 ? "" : "s") + ", " + fresh.mavenFiles().size()
                            + " Maven files")
                    + (fresh.fetchFiles().isEmpty() ? "" : ", " + fresh.fetchFiles().size() + " fetched file"
                            + (fresh.fetchFiles().size() == 1 ? "" : "s"))
                    + "; " + (changes.isEmpty() ? "unchanged" : changes.size() + " change" + (changes.size() == 1 ? "" : "s")));
            err.flush();
            return 0;
        }
    }

    private static Lock resolve(ArchiveSettings settings, List<RequestSet> wanted, java.util.function.Consumer<String> log) {
        if (wanted.isEmpty()) {
            return Lock.empty();
        }
        List<NamedSource> sources = settings.resolveRepositories();
        IndexFetcher fetcher = new IndexFetcher(Transport.standard(), settings, Clock.systemUTC());
        Map<String, PackageIndex> indexes = new TreeMap<>();
        return Locker.lock(wanted, architecture ->
                indexes.computeIfAbsent(architecture, a -> fetcher.fetch(sources, a, log)));
    }

    private static int check(Lock current, List<RequestSet> wanted, List<String> mavenProblems, PrintWriter err) {
        List<String> problems = new java.util.ArrayList<>(LockCheck.problems(current, wanted));
        problems.addAll(mavenProblems);
        if (problems.isEmpty()) {
            err.println("cairn: " + LockFile.FILE_NAME + " is current: " + current.sets().size() + " set"
                    + (current.sets().size() == 1 ? "" : "s") + ", " + current.packages().size() + " packages");
            err.flush();
            return 0;
        }
        problems.forEach(problem -> err.println("cairn: " + problem));
        err.flush();
        throw new InputsException(LockFile.FILE_NAME + " is stale for this workspace (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + " above)", "run `cairn lock`, then review and commit "
                + LockFile.FILE_NAME);
    }
}
