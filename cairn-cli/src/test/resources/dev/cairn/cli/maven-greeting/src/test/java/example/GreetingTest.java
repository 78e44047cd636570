package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;

class GreetingTest {
    @Test
    void greetsByName() throws Exception {
        assertEquals("{\"greeting\":\"hello ada\"}", Greeting.json("ada"));
    }
}
