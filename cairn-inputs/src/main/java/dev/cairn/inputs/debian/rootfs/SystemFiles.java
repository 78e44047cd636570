package dev.cairn.inputs.debian.rootfs;

/**
 * The small files a Debian system gets from base-files, base-passwd and libc's maintainer
 * scripts, written declaratively: users root and nonroot (65532, distroless's number),
 * their groups, and name resolution from files then DNS.
 */
public final class SystemFiles {
    public static final int NONROOT = 65532;

    private SystemFiles() {}

    public static String passwd() {
        return """
                root:x:0:0:root:/root:/sbin/nologin
                nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
                nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
                """;
    }

    public static String group() {
        return """
                root:x:0:
                tty:x:5:
                staff:x:50:
                nogroup:x:65534:
                nonroot:x:65532:
                """;
    }

    public static String nsswitch() {
        return """
                passwd: files
                group: files
                shadow: files
                hosts: files dns
                networks: files
                protocols: files
                services: files
                ethers: files
                rpc: files
                """;
    }
}
