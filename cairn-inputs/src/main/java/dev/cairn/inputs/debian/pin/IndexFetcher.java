package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.AptSource;
import dev.cairn.inputs.debian.archive.ArchiveSettings;
import dev.cairn.inputs.debian.archive.DebianArchive;
import dev.cairn.inputs.debian.archive.Keyring;
import dev.cairn.inputs.debian.archive.NamedSource;
import dev.cairn.inputs.debian.archive.PackagesIndex;
import dev.cairn.inputs.debian.archive.Release;
import dev.cairn.inputs.debian.archive.ReleasePolicy;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.debian.index.Origin;
import dev.cairn.inputs.debian.index.PackageIndex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads every configured repository's Packages index for an architecture along the chain of
 * trust (InRelease signature, then hashes) into one {@link PackageIndex}. Suites are fetched
 * at once, but added in configuration order, which is what breaks ties between equal versions,
 * so the index never depends on which download finished first.
 */
public final class IndexFetcher {
    private final DebianArchive archive;
    private final ArchiveSettings settings;

    public IndexFetcher(Transport transport, ArchiveSettings settings, Clock clock) {
        this.archive = new DebianArchive(transport, new ReleasePolicy(clock, !settings.checkValidUntil()));
        this.settings = settings;
    }

    private record Part(NamedSource source, String suite, String component) {}

    public PackageIndex fetch(List<NamedSource> sources, String architecture, Consumer<String> progress) {
        if (sources.isEmpty()) {
            throw new InputsException("no Debian repository is configured",
                    "add a deb entry to the machine's apt sources, or debian.repositories to cairn.pkl");
        }
        List<Part> parts = new ArrayList<>();
        for (NamedSource source : sources) {
            AptSource apt = source.source();
            if (!apt.architectures().isEmpty() && !apt.architectures().contains(architecture)) {
                continue;
            }
            for (String suite : apt.suites()) {
                if (suite.endsWith("/")) {
                    throw new InputsException(apt.origin() + ": " + source.name() + " is a flat repository (suite '" + suite
                            + "'), which cairn does not read", "use a repository with dists/<suite>/InRelease");
                }
                for (String component : apt.components()) {
                    parts.add(new Part(source, suite, component));
                }
            }
        }
        if (parts.isEmpty()) {
            throw new InputsException("no configured Debian repository serves " + architecture,
                    "check the repositories' architectures (apt's arch= option, or cairn.pkl)");
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PackagesIndex>> indexes = new ArrayList<>();
            for (Part part : parts) {
                indexes.add(pool.submit(() -> read(part, architecture, progress)));
            }
            PackageIndex.Builder builder = PackageIndex.builder();
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                PackagesIndex index = join(indexes.get(i));
                builder.add(new Origin(part.source().name(), part.suite()), index.text(), index.url().toString());
            }
            return builder.build();
        }
    }

    private PackagesIndex read(Part part, String architecture, Consumer<String> progress) {
        AptSource apt = part.source().source();
        Keyring keyring = Keyring.forSource(apt.signedBy(), settings.keyring().orElse(Keyring.DEBIAN_ARCHIVE));
        progress.accept("reading " + part.source().name() + " " + part.suite() + "/" + part.component());
        Release release = archive.release(apt.uri(), part.suite(), keyring);
        return archive.packages(release, part.component(), architecture);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputsException("interrupted while reading the Debian indexes", "run the command again");
        }
    }
}
