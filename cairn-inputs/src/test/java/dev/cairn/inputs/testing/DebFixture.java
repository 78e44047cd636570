package dev.cairn.inputs.testing;

import com.github.luben.zstd.ZstdOutputStream;
import dev.cairn.inputs.extract.ArchiveCompression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZOutputStream;

/**
 * Builds .deb files as dpkg-deb lays them out, member by member, for tests to read; members
 * may be left out, reordered or damaged. {@link TestPackage} builds well-formed packages
 * from a description.
 */
public final class DebFixture {
    /**
     * xz's preset 1 rather than dpkg-deb's 6: the same format, but an encoder of a few MiB
     * instead of about 100, which matters when a test compresses dozens of tiny members.
     */
    private static final LZMA2Options SMALL_XZ = smallXz();

    private final List<Member> members = new ArrayList<>();

    /** An ar member: its name ({@code debian-binary}, {@code control.tar.xz}…) and content. */
    public record Member(String name, byte[] bytes) {}

    /** A minimal control paragraph for an amd64 package. */
    public static String control(String packageName, String version) {
        return "Package: " + packageName + "\nVersion: " + version + "\nArchitecture: amd64\n"
                + "Maintainer: Test <test@example.org>\nDescription: a test package\n built by DebFixture\n";
    }

    /** A standard package: control.tar and data.tar compressed alike. */
    public static DebFixture of(String control, TarFixture data, ArchiveCompression compression) {
        return new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar" + compression.suffix(), compress(controlTar(control), compression))
                .member("data.tar" + compression.suffix(), compress(data.bytes(), compression));
    }

    public static DebFixture of(String control, TarFixture data) {
        return of(control, data, ArchiveCompression.XZ);
    }

    /** A control.tar with {@code control}, an md5sums that matches nothing, and a postinst that does nothing. */
    public static byte[] controlTar(String control) {
        return new TarFixture()
                .directory("./")
                .file("./control", control)
                .file("./md5sums", "d41d8cd98f00b204e9800998ecf8427e  usr/share/doc/hello/README\n")
                .file("./postinst", "#!/bin/sh\nexit 0\n", 0755)
                .bytes();
    }

    public DebFixture member(String name, String text) {
        return member(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public DebFixture member(String name, byte[] bytes) {
        members.add(new Member(name, bytes));
        return this;
    }

    /** The .deb: an ar archive of the members in the order added, dated 0 so that the same members give the same bytes. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            for (Member member : members) {
                ar.putArchiveEntry(new ArArchiveEntry(member.name(), member.bytes().length, 0, 0, 0100644, 0));
                ar.write(member.bytes());
                ar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Path write(Path file) {
        try {
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] compress(byte[] bytes, ArchiveCompression compression) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compressor(compressed, compression)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static LZMA2Options smallXz() {
        try {
            return new LZMA2Options(1);
        } catch (UnsupportedOptionsException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutputStream compressor(OutputStream out, ArchiveCompression compression) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new GzipCompressorOutputStream(out);
            case XZ -> new XZOutputStream(out, SMALL_XZ);
            case ZSTD -> new ZstdOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case LZMA -> new LZMAOutputStream(out, SMALL_XZ, -1);
        };
    }
}
