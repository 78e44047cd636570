/**
 * Pinning Debian packages: {@link dev.cairn.inputs.debian.pin.IndexFetcher} reads the
 * configured repositories' verified indexes, {@link dev.cairn.inputs.debian.pin.Locker}
 * resolves what the workspace asks for into {@code cairn.lock}, and
 * {@link dev.cairn.inputs.debian.pin.PackageRealizer} turns locked packages into store
 * objects, from the lock alone, without an index.
 */
package dev.cairn.inputs.debian.pin;
