package dev.cairn.inputs.debian.archive;

import java.net.URI;

/**
 * A verified Packages index: its text, and which Release entry vouched for it.
 *
 * @param url where the compressed (or plain) file was fetched from
 * @param file the Release's entry for that file, whose size and SHA-256 it matched
 * @param text the decompressed index, in deb822 form
 */
public record PackagesIndex(URI url, IndexFile file, String text) {
    @Override
    public String toString() {
        return "PackagesIndex[" + url + ", sha256 " + file.sha256() + ", " + text.length() + " chars]";
    }
}
