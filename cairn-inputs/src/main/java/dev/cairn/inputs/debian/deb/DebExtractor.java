package dev.cairn.inputs.debian.deb;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.extract.ExtractionLimits;
import dev.cairn.inputs.extract.ExtractionReport;
import dev.cairn.inputs.extract.ScratchDirectory;
import dev.cairn.inputs.extract.TarExtractor;
import dev.cairn.store.ObjectInfo;
import dev.cairn.store.Store;
import dev.cairn.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Adds a .deb to the store: its data extracted safely into a private scratch directory,
 * then added as one object named by {@link DebStoreName}, and its control files added as a
 * second, small object, so that a later build that finds the package in the store needs
 * neither the .deb nor a second extraction to write dpkg's status for it.
 *
 * <p>Both trees are complete in scratch before either is added, and the scratch directory
 * is deleted whatever happens, so a refused or damaged package leaves nothing behind. The
 * store's add is atomic; should the second add fail after the first, the first object is
 * unreferenced and {@code cairn gc} collects it.
 */
public final class DebExtractor {
    private final Store store;
    private final Path scratch;
    private final ExtractionLimits limits;

    /** @param scratch where temporary trees are made (created if missing); best on the store's disk */
    public DebExtractor(Store store, Path scratch, ExtractionLimits limits) {
        this.store = store;
        this.scratch = scratch;
        this.limits = limits;
    }

    public DebExtractor(Store store, Path scratch) {
        this(store, scratch, ExtractionLimits.DEFAULT);
    }

    public ExtractedDeb extract(Path deb) {
        try (ScratchDirectory work = ScratchDirectory.create(scratch, "deb-")) {
            return add(unpack(deb, work.path()));
        }
    }

    /**
     * The first half of {@link #extract}: reads and checks the whole package into
     * {@code directory} (which must exist and be empty), adding nothing to the store. A caller
     * with several packages unpacks them all before adding any, so that one refused package
     * leaves the store as it was.
     */
    public UnpackedDeb unpack(Path deb, Path directory) {
        try (DebArchive archive = DebArchive.open(deb, limits)) {
            DebControl control = archive.control();
            Path files = directory.resolve("files");
            ExtractionReport report = TarExtractor.extract(archive.data(), archive.dataArchiveName(), files, limits);
            Path controlTree = writeControlTree(directory.resolve("control"), control);
            return new UnpackedDeb(deb, control, files, controlTree, report);
        }
    }

    /** The second half of {@link #extract}: adds an unpacked package's two trees to the store. */
    public ExtractedDeb add(UnpackedDeb unpacked) {
        DebStoreName name = DebStoreName.of(unpacked.control().packageName(), unpacked.control().version());
        ObjectInfo filesObject = add(unpacked.deb(), unpacked.files(), name.value());
        ObjectInfo controlObject = add(unpacked.deb(), unpacked.controlTree(), name.controlName());
        return new ExtractedDeb(unpacked.control(), filesObject, controlObject, unpacked.report());
    }

    private static Path writeControlTree(Path directory, DebControl control) {
        try {
            Files.createDirectory(directory);
            write(directory.resolve("control"), Optional.of(control.text()));
            write(directory.resolve("md5sums"), control.md5sums());
            write(directory.resolve("conffiles"), control.conffiles());
            write(directory.resolve("postinst"), control.postinst());
            return directory;
        } catch (IOException e) {
            throw new InputsException("cannot write the control files of " + control.packageName() + " to " + directory
                    + ": " + e, "check that the scratch directory is writable and its disk has space", e);
        }
    }

    private static void write(Path file, Optional<String> text) throws IOException {
        if (text.isPresent()) {
            Files.writeString(file, text.get(), StandardCharsets.UTF_8);
        }
    }

    private ObjectInfo add(Path deb, Path tree, String name) {
        try {
            return store.add(tree, name);
        } catch (StoreException e) {
            throw new InputsException(deb + ": cannot add " + name + " to the store: " + e.getMessage(), e.hint(), e);
        }
    }
}
