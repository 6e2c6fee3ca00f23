#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt), for executables whose `main` is their own.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
