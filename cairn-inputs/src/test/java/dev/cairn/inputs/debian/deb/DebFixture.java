package dev.cairn.inputs.debian.deb;

import com.github.luben.zstd.ZstdOutputStream;
import dev.cairn.inputs.extract.ArchiveCompression;
import dev.cairn.inputs.extract.TarFixture;
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
import org.tukaani.xz.XZOutputStream;

/** Builds .deb files as dpkg-deb lays them out, member by member, for tests to read. */
final class DebFixture {
    private final List<Member> members = new ArrayList<>();

    record Member(String name, byte[] bytes) {}

    static String control(String packageName, String version) {
        return "Package: " + packageName + "\nVersion: " + version + "\nArchitecture: amd64\n"
                + "Maintainer: Test <test@example.org>\nDescription: a test package\n built by DebFixture\n";
    }

    /** A standard package: control.tar and data.tar compressed alike. */
    static DebFixture of(String control, TarFixture data, ArchiveCompression compression) {
        return new DebFixture()
                .member("debian-binary", "2.0\n")
                .member("control.tar" + compression.suffix(), compress(controlTar(control), compression))
                .member("data.tar" + compression.suffix(), compress(data.bytes(), compression));
    }

    static DebFixture of(String control, TarFixture data) {
        return of(control, data, ArchiveCompression.XZ);
    }

    static byte[] controlTar(String control) {
        return new TarFixture()
                .directory("./")
                .file("./control", control)
                .file("./md5sums", "d41d8cd98f00b204e9800998ecf8427e  usr/share/doc/hello/README\n")
                .file("./postinst", "#!/bin/sh\nexit 0\n", 0755)
                .bytes();
    }

    DebFixture member(String name, String text) {
        return member(name, text.getBytes(StandardCharsets.UTF_8));
    }

    DebFixture member(String name, byte[] bytes) {
        members.add(new Member(name, bytes));
        return this;
    }

    Path write(Path file) {
        try (OutputStream out = Files.newOutputStream(file);
                ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            for (Member member : members) {
                ar.putArchiveEntry(new ArArchiveEntry(member.name(), member.bytes().length, 0, 0, 0100644, 0));
                ar.write(member.bytes());
                ar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static byte[] compress(byte[] bytes, ArchiveCompression compression) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compressor(compressed, compression)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static OutputStream compressor(OutputStream out, ArchiveCompression compression) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new GzipCompressorOutputStream(out);
            case XZ -> new XZOutputStream(out, new LZMA2Options());
            case ZSTD -> new ZstdOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case LZMA -> new LZMAOutputStream(out, new LZMA2Options(), -1);
        };
    }
}
