package dev.cairn.oci.testing;

import dev.cairn.oci.Descriptor;
import dev.cairn.oci.Digest;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.OciJson;
import dev.cairn.oci.registry.BlobSource;
import dev.cairn.oci.registry.PushPlan;
import dev.cairn.oci.registry.Repository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tiny OCI image built by hand for tests: gzip'd tar layers, a config naming their diff IDs,
 * and a manifest naming both, all in memory. Not how cairn builds images; just enough for a
 * registry and skopeo to accept it.
 */
public record TestImage(Blob config, List<Blob> layers, byte[] manifest) {
    /** A blob's descriptor and bytes. */
    public record Blob(Descriptor descriptor, byte[] bytes) {
        public Digest digest() {
            return descriptor.digest();
        }

        public PushPlan.Blob planned() {
            return PushPlan.Blob.of(descriptor, BlobSource.of(bytes));
        }
    }

    /** An image of one layer per map, each holding files {@code name -> content}. */
    @SafeVarargs
    public static TestImage of(Map<String, String>... layerFiles) {
        List<Blob> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (Map<String, String> files : layerFiles) {
            Map<String, byte[]> contents = new LinkedHashMap<>();
            files.forEach((name, content) -> contents.put(name, content.getBytes(StandardCharsets.UTF_8)));
            byte[] tar = tar(contents);
            diffIds.add(Digest.sha256(tar).toString());
            layers.add(blob(MediaTypes.OCI_LAYER_GZIP, gzip(tar)));
        }
        return assemble(layers, diffIds);
    }

    /** An image with one layer holding a file of {@code size} random, incompressible bytes. */
    public static TestImage withRandomLayer(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        byte[] tar = tar(Map.of("random.bin", content));
        return assemble(List.of(blob(MediaTypes.OCI_LAYER_GZIP, gzip(tar))), List.of(Digest.sha256(tar).toString()));
    }

    private static TestImage assemble(List<Blob> layers, List<String> diffIds) {
        Map<String, Object> configJson = new LinkedHashMap<>();
        configJson.put("architecture", "amd64");
        configJson.put("os", "linux");
        configJson.put("config", Map.of("Cmd", List.of("/bin/true")));
        configJson.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        Blob config = blob(MediaTypes.OCI_CONFIG, OciJson.bytes(configJson));
        Map<String, Object> manifestJson = new LinkedHashMap<>();
        manifestJson.put("schemaVersion", 2);
        manifestJson.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifestJson.put("config", config.descriptor());
        manifestJson.put("layers", layers.stream().map(Blob::descriptor).toList());
        return new TestImage(config, List.copyOf(layers), OciJson.bytes(manifestJson));
    }

    public Digest manifestDigest() {
        return Digest.sha256(manifest);
    }

    /** The config and the layers. */
    public List<Blob> blobs() {
        List<Blob> all = new ArrayList<>();
        all.add(config);
        all.addAll(layers);
        return all;
    }

    public long blobBytes() {
        return blobs().stream().mapToLong(b -> b.bytes().length).sum();
    }

    /** A plan pushing this image to {@code repository} under {@code tags}. */
    public PushPlan plan(Repository repository, String... tags) {
        return PushPlan.of(repository, blobs().stream().map(Blob::planned).toList(), manifest, MediaTypes.OCI_MANIFEST, tags);
    }

    private static Blob blob(String mediaType, byte[] bytes) {
        return new Blob(Descriptor.of(mediaType, Digest.sha256(bytes), bytes.length), bytes);
    }

    private static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0644);
                entry.setModTime(1000L);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] manifest() {
        return manifest.clone();
    }
}
