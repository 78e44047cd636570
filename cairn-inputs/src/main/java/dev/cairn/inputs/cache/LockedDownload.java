package dev.cairn.inputs.cache;

import dev.cairn.inputs.InputsException;
import dev.cairn.inputs.debian.archive.Transport;
import dev.cairn.inputs.lock.LockFile;
import dev.cairn.inputs.lock.LockedFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file of a named repository downloaded to a scratch path: checked against its lock entry
 * (size and SHA-256) before anyone may use it, or hashed to make one. What Maven files and
 * fetched packages share; the caller decides what reaches the store, and only after this.
 */
public final class LockedDownload {
    private LockedDownload() {}

    /**
     * Downloads {@code file} from {@code url} to {@code target}; fails closed, naming the file,
     * both hashes and the URL, when the bytes are not the locked ones.
     */
    public static void save(Transport transport, URI url, LockedFile file, Path target) {
        LockedFile actual = pin(transport, url, file.repository(), file.path(), target);
        if (!actual.sha256().equals(file.sha256()) || actual.size() != file.size()) {
            throw new InputsException(file.location() + " does not match " + LockFile.FILE_NAME + ": expected sha256 "
                    + file.sha256() + " (" + file.size() + " bytes), got sha256 " + actual.sha256() + " ("
                    + actual.size() + " bytes) from " + url + "; nothing was kept",
                    "the mirror serves other bytes, or the lock was edited: restore " + LockFile.FILE_NAME
                            + ", or run `cairn lock` and review the change");
        }
    }

    /** Downloads {@code repository:path} from {@code url} to {@code target} and pins what came: its lock entry. */
    public static LockedFile pin(Transport transport, URI url, String repository, String path, Path target) {
        String sha256 = transport.read(url, body -> HexFormat.of().formatHex(
                        DigestedDownload.save(body, target, sha256())))
                .orElseThrow(() -> new InputsException(repository + ":" + path + " does not exist at " + url,
                        "the repository no longer (or never) had it: check the path and the address configured for "
                                + repository + ", or run `cairn lock`"));
        try {
            return new LockedFile(repository, path, sha256, Files.size(target));
        } catch (IOException e) {
            throw new InputsException("cannot read the download " + target + ": " + e.getMessage(),
                    "check that cairn's cache directory is writable", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
