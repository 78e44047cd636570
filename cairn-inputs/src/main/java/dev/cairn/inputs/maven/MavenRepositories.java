package dev.cairn.inputs.maven;

import dev.cairn.inputs.InputsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Where the Maven repositories the lock names are: a workspace's own setting, else the
 * machine's Maven configuration, the way {@code mvn} on this machine would reach Maven
 * Central. No repository address is written in cairn: {@link #CENTRAL} is only a name.
 *
 * <p>For the machine: the first {@code <mirror>} of the user's {@code ~/.m2/settings.xml},
 * then of the installation's ({@code $MAVEN_HOME/conf/settings.xml}, {@code /etc/maven/settings.xml},
 * {@code /usr/share/maven/conf/settings.xml}), whose {@code mirrorOf} covers {@code central}
 * ({@code central}, {@code *}, {@code external:*}, a list holding one of them and not
 * {@code !central}); else the {@code central} repository of the super POM inside the
 * installation's {@code maven-model-builder} jar.
 */
public final class MavenRepositories {
    /** The name the lock gives Maven Central (or whatever mirrors it). */
    public static final String CENTRAL = "maven-central";
    private static final String SUPER_POM = "org/apache/maven/model/pom-4.0.0.xml";

    private final Map<String, URI> byName;

    public MavenRepositories(Map<String, URI> byName) {
        this.byName = Map.copyOf(new TreeMap<>(byName));
    }

    /** The repository's base URL, ending in {@code /}; fails naming where cairn looked. */
    public URI base(String name) {
        URI uri = byName.get(name);
        if (uri == null) {
            throw new InputsException("no address for the Maven repository '" + name + "'",
                    "configure a mirror of central in ~/.m2/settings.xml, or set maven { repositories { [\""
                            + name + "\"] = \"…\" } } in cairn.pkl");
        }
        return uri;
    }

    /** The URL of a file of a repository. */
    public URI resolve(String name, String path) {
        return base(name).resolve(path);
    }

    public Map<String, URI> all() {
        return byName;
    }

    /** A workspace's explicit addresses, or (when it has none) the machine's for {@link #CENTRAL}. */
    public static MavenRepositories of(Map<String, String> configured, Path home, Optional<Path> mavenHome) {
        Map<String, URI> byName = new TreeMap<>();
        configured.forEach((name, url) -> byName.put(name, base(url, "cairn.pkl: maven.repositories[\"" + name + "\"]")));
        if (!byName.containsKey(CENTRAL)) {
            machineCentral(home, mavenHome).ifPresent(uri -> byName.put(CENTRAL, uri));
        }
        return new MavenRepositories(byName);
    }

    /** Maven Central's address as this machine's Maven reaches it. */
    public static Optional<URI> machineCentral(Path home, Optional<Path> mavenHome) {
        List<Path> settings = new ArrayList<>();
        settings.add(home.resolve(".m2/settings.xml"));
        List<Path> installations = new ArrayList<>();
        mavenHome.ifPresent(installations::add);
        installations.add(Path.of("/usr/share/maven"));
        installations.forEach(installation -> settings.add(installation.resolve("conf/settings.xml")));
        settings.add(Path.of("/etc/maven/settings.xml"));
        for (Path file : settings) {
            Optional<URI> mirror = centralMirror(file);
            if (mirror.isPresent()) {
                return mirror;
            }
        }
        for (Path installation : installations) {
            Optional<URI> central = superPomCentral(installation.resolve("lib"));
            if (central.isPresent()) {
                return central;
            }
        }
        return Optional.empty();
    }

    /** The first mirror of central in a settings file, if the file exists and has one. */
    static Optional<URI> centralMirror(Path settings) {
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        Document document;
        try (InputStream in = Files.newInputStream(settings)) {
            document = parser().parse(in);
        } catch (IOException | SAXException e) {
            throw new InputsException("cannot read the Maven settings " + settings + ": " + e.getMessage(),
                    "fix the file, or name the repository in cairn.pkl: maven { repositories { … } }", e);
        }
        NodeList mirrors = document.getElementsByTagName("mirror");
        for (int i = 0; i < mirrors.getLength(); i++) {
            Element mirror = (Element) mirrors.item(i);
            if (coversCentral(text(mirror, "mirrorOf")) && !text(mirror, "url").isBlank()) {
                return Optional.of(base(text(mirror, "url"), settings + ": mirror " + text(mirror, "id")));
            }
        }
        return Optional.empty();
    }

    static boolean coversCentral(String mirrorOf) {
        List<String> patterns = Arrays.stream(mirrorOf.split(",")).map(String::strip).toList();
        if (patterns.contains("!central")) {
            return false;
        }
        return patterns.contains("central") || patterns.contains("*") || patterns.contains("external:*");
    }

    /** The {@code central} repository of the super POM in a Maven installation's {@code lib} directory. */
    static Optional<URI> superPomCentral(Path lib) {
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "maven-model-builder*.jar")) {
            for (Path jar : jars) {
                try (ZipFile zip = new ZipFile(jar.toRealPath().toFile())) {
                    ZipEntry entry = zip.getEntry(SUPER_POM);
                    if (entry == null) {
                        continue;
                    }
                    Document pom = parser().parse(zip.getInputStream(entry));
                    NodeList repositories = pom.getElementsByTagName("repository");
                    for (int i = 0; i < repositories.getLength(); i++) {
                        Element repository = (Element) repositories.item(i);
                        if ("central".equals(text(repository, "id"))) {
                            return Optional.of(base(text(repository, "url"), jar + "!/" + SUPER_POM));
                        }
                    }
                }
            }
        } catch (IOException | SAXException e) {
            throw new InputsException("cannot read Maven's super POM under " + lib + ": " + e.getMessage(),
                    "name the repository in cairn.pkl: maven { repositories { … } }", e);
        }
        return Optional.empty();
    }

    private static URI base(String url, String origin) {
        String text = url.strip();
        try {
            URI uri = new URI(text.endsWith("/") ? text : text + "/");
            if (!List.of("http", "https", "file").contains(String.valueOf(uri.getScheme()))) {
                throw new URISyntaxException(text, "not http, https or file");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InputsException(origin + ": '" + url + "' is not a repository URL (" + e.getReason() + ")",
                    "use an http(s) or file URL of the repository's root");
        }
    }

    private static String text(Element parent, String child) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && child.equals(element.getTagName())) {
                return element.getTextContent().strip();
            }
        }
        return "";
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
        }
    }
}
