package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StorePathTest {
    @Test
    void parsesLogicalPathsAndBaseNames() {
        StorePath path = StorePath.parse("/cairn/store/k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt");
        assertThat(path.hashPart()).isEqualTo("k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g");
        assertThat(path.name()).isEqualTo("nt");
        assertThat(StorePath.parse("k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt")).isEqualTo(path);
        assertThat(path).hasToString("/cairn/store/k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt");
    }

    @Test
    void refusesPathsOutsideTheStoreAndBadHashes() {
        assertThatThrownBy(() -> StorePath.parse("/nix/store/k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt"))
                .hasMessageContaining("not under /cairn/store");
        assertThatThrownBy(() -> StorePath.parse("e4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt"))
                .hasMessageContaining("is not a store hash");
        assertThatThrownBy(() -> StorePath.parse("short-nt")).hasMessageContaining("is not a store path");
    }

    @Test
    void namesFollowNixRulesAndSayWhatIsWrong() {
        StorePath.validateName("hello-1.0_x+y=z?.tar.gz");
        assertThatThrownBy(() -> StorePath.validateName("my app"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("contains ' '")
                .satisfies(e -> assertThat(((StoreException) e).hint()).contains("--name"));
        assertThatThrownBy(() -> StorePath.validateName(".hidden")).hasMessageContaining("starts with '.'");
        assertThatThrownBy(() -> StorePath.validateName("")).hasMessageContaining("0 characters");
        assertThatThrownBy(() -> StorePath.validateName("x".repeat(212))).hasMessageContaining("212 characters");
        assertThatThrownBy(() -> StorePath.validateName("café")).hasMessageContaining("contains 'é'");
    }

    @Test
    void sourcePathsHashTheirReferencesLikeNix() {
        // `NIX_STORE_DIR=/cairn/store nix-store --print-fixed-path --recursive sha256 <hash> nt`
        NarHash hash = NarHash.of(HexFormat.of().parseHex(
                "46db5ced5995bc00e9485a53a0d6893c0cb699ce2b3bc3789927cd70136cd73e"));
        assertThat(ContentAddress.sourcePath(hash, "nt", new TreeSet<>()))
                .hasToString("/cairn/store/k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt");
        TreeSet<StorePath> references = new TreeSet<>();
        references.add(StorePath.parse("k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g-nt"));
        assertThat(ContentAddress.sourcePath(hash, "nt", references).hashPart())
                .isNotEqualTo("k4nm1ixqdqj2yzzj43ibf8p5in0v2x4g");
    }
}
