package dev.cairn.packaging.sandbox;

/** Whether a build may reach the network. */
public enum Network {
    /** A network namespace of its own holding only {@code lo}: nothing outside is reachable. */
    NONE,
    /**
     * The host's network and its /etc/resolv.conf, for fixed-output builds only: what they
     * fetch is checked against the hash declared beforehand, so the network cannot change it.
     */
    HOST
}
