package dev.cairn.inputs.debian.resolve;

/**
 * A choice the resolver made where more than one answer was possible, and the rule that made
 * it — so a surprising package in an image can be traced to a rule, and overridden by asking
 * for the wanted package explicitly.
 *
 * @param question what had to be chosen, e.g. {@code mutt Depends default-mta | mail-transport-agent}
 * @param answer the package chosen
 * @param because the rule that chose it, and what was passed over
 */
public record Decision(String question, String answer, String because) {
    @Override
    public String toString() {
        return question + ": " + answer + " (" + because + ")";
    }
}
