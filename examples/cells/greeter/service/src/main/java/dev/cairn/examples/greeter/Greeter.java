package dev.cairn.examples.greeter;

/** What the service does: greets a name with the configured salutation. */
public record Greeter(String salutation) {
    private static final int LONGEST_NAME = 64;

    public Greeter {
        if (salutation == null || salutation.isBlank()) {
            throw new IllegalArgumentException("the salutation must not be blank");
        }
    }

    /** A greeting for {@code name}; an absent or blank name is greeted as "world". */
    public Greeting greet(String name) {
        String who = name == null || name.isBlank() ? "world" : name.strip();
        if (who.length() > LONGEST_NAME) {
            throw new IllegalArgumentException("a name has at most " + LONGEST_NAME + " characters");
        }
        return new Greeting(salutation + ", " + who + "!", who);
    }

    /** The JSON body of a greeting. */
    public record Greeting(String message, String name) {}
}
