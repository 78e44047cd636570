package dev.cairn.inputs.debian.pin;

import dev.cairn.inputs.lock.LockedPackage;
import dev.cairn.store.StorePath;

/**
 * A locked package in the store.
 *
 * @param files the object holding its files, laid out as under {@code /}
 * @param control the object holding its control file (and md5sums, conffiles, postinst)
 */
public record RealizedPackage(LockedPackage locked, StorePath files, StorePath control) {}
