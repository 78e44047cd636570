package dev.cairn.cli;

import dev.cairn.image.Content;
import dev.cairn.image.ContentSource;
import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.lock.Lock;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.inputs.lock.LockedSet;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import dev.cairn.store.StorePath;
import dev.cairn.workspace.ImageTarget;
import dev.cairn.workspace.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "why", mixinStandardHelpOptions = true,
        description = "Show the chain that puts a Debian package or a store object into an image.")
final class WhyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "An image target, //cell/oci-images/NAME.")
    String target;

    @Parameters(index = "1", paramLabel = "WHAT",
            description = "A Debian package name (answered from cairn.lock), or a store path /cairn/store/….")
    String what;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = WorkspaceTargets.open(spec)) {
            ImageTarget image = WorkspaceTargets.image(workspace, target, "why");
            List<String> chain = what.startsWith("/") ? storeChain(image) : packageChain(workspace, image);
            for (int i = 0; i < chain.size(); i++) {
                out.println("  ".repeat(i) + (i == 0 ? "" : "→ ") + chain.get(i));
            }
            out.flush();
            return 0;
        }
    }

    private List<String> packageChain(Workspace workspace, ImageTarget image) {
        Lock lock = LockFile.read(workspace.root().resolve(LockFile.FILE_NAME));
        Map<String, LockedPackage> byKey = new TreeMap<>();
        lock.packages().forEach(p -> byKey.put(p.key(), p));
        boolean asksForPackages = false;
        for (Content content : image.image().contents()) {
            if (!(content.source() instanceof ContentSource.DebianPackages packages)) {
                continue;
            }
            asksForPackages = true;
            Optional<LockedSet> set = lock.sets().stream()
                    .filter(s -> s.answers(image.image().architecture(), packages.request()))
                    .findFirst();
            if (set.isEmpty()) {
                throw new InputsException(image.address() + " asks for " + String.join(" ", packages.request())
                        + ", which " + LockFile.FILE_NAME + " does not pin", "run `cairn lock`");
            }
            List<String> names = set.get().chainTo(what);
            if (!names.isEmpty()) {
                List<String> chain = new ArrayList<>();
                for (String name : names) {
                    String version = set.get().packages().stream()
                            .filter(key -> key.startsWith(name + "="))
                            .map(key -> byKey.get(key).version())
                            .findFirst().orElse("?");
                    chain.add(name + " " + version + (name.equals(names.getFirst()) ? " (asked for)" : ""));
                }
                return chain;
            }
        }
        throw new InputsException(what + " is not among the Debian packages of " + image.address()
                + (asksForPackages ? " as " + LockFile.FILE_NAME + " pins them" : " (it asks for none)"),
                "check the name; `cairn why` answers from " + LockFile.FILE_NAME + ", so run `cairn lock` after changing the workspace");
    }

    private List<String> storeChain(ImageTarget image) {
        Store store = StoreCommand.open();
        StorePath wanted = store.resolve(what);
        for (Content content : image.image().contents()) {
            if (content.source() instanceof ContentSource.StoreObject object && store.isValid(object.path())) {
                Optional<List<StorePath>> chain = store.why(object.path(), wanted);
                if (chain.isPresent()) {
                    List<String> lines = new ArrayList<>(chain.get().stream().map(StorePath::toString).toList());
                    lines.set(0, lines.get(0) + " (in the contents, at " + content.imagePath() + ")");
                    return lines;
                }
            }
        }
        throw new StoreException(wanted + " is not in the closure of any store object of " + image.address(),
                "`cairn store closure PATH` lists a store object's closure");
    }
}
