package dev.cairn.oci.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cairn.oci.MediaTypes;
import dev.cairn.oci.layer.Compression;
import dev.cairn.oci.layout.LayoutOutput;
import dev.cairn.oci.layout.OciLayout;
import dev.cairn.oci.layout.OutputFormat;
import dev.cairn.oci.layout.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-spec's own JSON schemas, from Debian's golang-github-opencontainers-image-spec-dev,
 * accept the manifest, index, config and layout marker cairn writes.
 */
@Tag("integration")
class SchemaTest {
    private static final Path SCHEMAS = Path.of("/usr/share/gocode/src/github.com/opencontainers/image-spec/schema");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void manifestIndexConfigAndLayoutValidate() throws Exception {
        Path layoutDir = temp.resolve("layout");
        WrittenImage image = LayoutOutput.write(layoutDir, OutputFormat.OCI,
                TestImages.busybox(Compression.GZIP, MediaTypes.OCI_MANIFEST), "test", List.of());
        OciLayout layout = OciLayout.open(layoutDir);

        assertValid("image-manifest-schema.json", Files.readAllBytes(layout.blob(image.manifest().digest())));
        assertValid("config-schema.json", Files.readAllBytes(layout.blob(image.config().digest())));
        assertValid("image-index-schema.json", Files.readAllBytes(layoutDir.resolve("index.json")));
        assertValid("image-layout-schema.json", Files.readAllBytes(layoutDir.resolve("oci-layout")));
    }

    @Test
    void theSchemasDoRejectABrokenManifest() throws Exception {
        byte[] broken = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"size\":\"big\"},\"layers\":[]}".getBytes();

        assertThat(validate("image-manifest-schema.json", broken)).isNotEmpty();
    }

    private static void assertValid(String schema, byte[] document) throws Exception {
        assertThat(validate(schema, document)).as(schema + " on " + new String(document)).isEmpty();
    }

    private static Set<ValidationMessage> validate(String schemaFile, byte[] document) throws Exception {
        if (!Files.isDirectory(SCHEMAS)) {
            throw new IllegalStateException(SCHEMAS + " is missing: apt-get install golang-github-opencontainers-image-spec-dev"
                    + " (./run-tests does)");
        }
        // The schemas refer to each other by their https ids; map those to the local files so
        // validation never touches the network.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, builder -> builder
                .schemaMappers(mappers -> mappers
                        .mapPrefix("https://opencontainers.org/schema/image/", SCHEMAS.toUri().toString())
                        .mapPrefix("https://opencontainers.org/schema/", SCHEMAS.toUri().toString())));
        JsonSchema schema = factory.getSchema(SchemaLocation.of(SCHEMAS.resolve(schemaFile).toUri().toString()));
        JsonNode node = JSON.readTree(document);
        return schema.validate(node);
    }
}
