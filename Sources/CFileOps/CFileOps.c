#define _GNU_SOURCE
#include "CFileOps.h"
#include <fcntl.h>
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int fiscal_exchange_paths(const char *a, const char *b) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#include <string.h>
#include <zlib.h>

int fiscal_inflate_tail(const unsigned char *input, size_t length, int stored, unsigned char *tail,
                        size_t capacity, size_t *kept, unsigned long long *total, unsigned long *crc) {
    *kept = 0;
    *total = 0;
    *crc = crc32(0L, Z_NULL, 0);
    if (stored) {
        *total = length;
        *crc = crc32_z(*crc, input, length);
        *kept = length < capacity ? length : capacity;
        memcpy(tail, input + length - *kept, *kept);
        return 0;
    }
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return -1;
    unsigned char buffer[65536];
    stream.next_in = (unsigned char *)input;
    int status = Z_OK;
    size_t remaining = length;
    while (status != Z_STREAM_END) {
        if (stream.avail_in == 0) {
            if (remaining == 0) break;
            uInt chunk = remaining > 0x40000000 ? 0x40000000 : (uInt)remaining;
            stream.avail_in = chunk;
            remaining -= chunk;
        }
        stream.next_out = buffer;
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) break;
        size_t produced = sizeof buffer - stream.avail_out;
        *total += produced;
        *crc = crc32_z(*crc, buffer, produced);
        if (produced >= capacity) {
            memcpy(tail, buffer + produced - capacity, capacity);
            *kept = capacity;
        } else if (produced > 0) {
            size_t keep = *kept + produced > capacity ? capacity - produced : *kept;
            memmove(tail, tail + *kept - keep, keep);
            memcpy(tail + keep, buffer, produced);
            *kept = keep + produced;
        }
    }
    inflateEnd(&stream);
    return status == Z_STREAM_END ? 0 : -1;
}
