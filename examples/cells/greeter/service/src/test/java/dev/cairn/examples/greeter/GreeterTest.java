package dev.cairn.examples.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GreeterTest {
    private final Greeter greeter = new Greeter("Hello");

    @Test
    void greetsANameWithTheSalutation() {
        assertEquals(new Greeter.Greeting("Hello, Ada!", "Ada"), greeter.greet(" Ada "));
    }

    @Test
    void greetsTheWorldWhenNoNameIsGiven() {
        assertEquals("Hello, world!", greeter.greet(null).message());
        assertEquals("Hello, world!", greeter.greet("  ").message());
    }

    @Test
    void refusesOverlongNames() {
        assertThrows(IllegalArgumentException.class, () -> greeter.greet("x".repeat(65)));
    }

    @Test
    void refusesABlankSalutation() {
        assertThrows(IllegalArgumentException.class, () -> new Greeter(" "));
    }
}
