// The declaration is in include/FuzzDriver.h; libFuzzer (-sanitize=fuzzer) defines it.
