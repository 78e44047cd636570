/**
 * The build sandbox: a {@link dev.cairn.packaging.sandbox.SandboxSpec} says what a build may
 * see, {@link dev.cairn.packaging.sandbox.BwrapArguments} turns it into bubblewrap's command
 * line, and {@link dev.cairn.packaging.sandbox.Sandbox} runs it.
 */
package dev.cairn.packaging.sandbox;
