package example;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

public final class Greeting {
    public static String json(String name) throws Exception {
        return new ObjectMapper().writeValueAsString(Map.of("greeting", "hello " + name));
    }
}
