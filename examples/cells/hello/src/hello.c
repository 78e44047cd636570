/* The example service: a static program, so its image needs nothing but itself. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    const char *name = getenv("GREETING_NAME");
    printf("hello, %s, from a cairn image\n", name && *name ? name : "world");
    for (int i = 1; i < argc; i++) {
        printf("arg %d: %s\n", i, argv[i]);
    }
    return 0;
}
