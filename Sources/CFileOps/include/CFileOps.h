#ifndef FISCAL_SIM_CFILEOPS_H
#define FISCAL_SIM_CFILEOPS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int fiscal_exchange_paths(const char *a, const char *b);

#include <stddef.h>

/// Decompresses one zip entry's data (raw deflate, or `stored` bytes as they are) and keeps the
/// last `capacity` bytes in `tail` (`*kept` of them), the byte count in `*total` and the CRC-32
/// in `*crc`. Returns 0 when the stream ended properly, -1 when it is cut short or corrupt.
int fiscal_inflate_tail(const unsigned char *input, size_t length, int stored, unsigned char *tail,
                        size_t capacity, size_t *kept, unsigned long long *total, unsigned long *crc);

#endif
