package dev.cairn.oci.registry;

import dev.cairn.oci.OciException;

/** Turns a registry's refusal into a message naming what failed and a hint saying what to do. */
final class RegistryFailures {
    private RegistryFailures() {}

    static OciException unexpected(String what, int status, RegistryErrorResponse error) {
        String summary = error.summary();
        String message = what + ": the registry answered " + status + (summary.isEmpty() ? "" : " " + summary);
        return new OciException(message, hint(status, error));
    }

    private static String hint(int status, RegistryErrorResponse error) {
        if (error.has("DIGEST_INVALID")) {
            return "the content sent does not match its digest: the blob's source changed since it was planned; plan the push again";
        }
        if (error.has("MANIFEST_BLOB_UNKNOWN")) {
            return "the manifest names a blob the repository lacks: put every blob the manifest references into the push";
        }
        if (error.has("MANIFEST_INVALID") || error.has("MANIFEST_UNVERIFIED")) {
            return "the registry could not accept the manifest; check that it is valid JSON for its media type";
        }
        if (error.has("UNSUPPORTED")) {
            return "the registry does not support this; an older registry may need Docker media types instead of OCI ones";
        }
        return switch (status) {
            case 400 -> "the registry refused the request as invalid; its error above says why";
            case 403 -> "the account is not allowed to do this: check the repository name and that you may push or pull it";
            case 404 -> error.has("NAME_UNKNOWN") ? "check the repository name"
                    : error.has("MANIFEST_UNKNOWN") ? "check the tag or digest: the repository has no such manifest"
                    : "check the repository name, tag and digest";
            case 405 -> "the registry does not allow this operation here (it may be read-only or a pull-through cache)";
            case 413 -> "the registry refused a request this large: lower the chunk size, or ask its operator to raise the limit";
            case 416 -> "the registry lost track of the upload; push again";
            default -> "the registry's error above says why; its logs may say more";
        };
    }
}
