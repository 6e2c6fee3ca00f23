#ifndef FISCAL_SIM_CFILEOPS_H
#define FISCAL_SIM_CFILEOPS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS, EINVAL on file systems without support).
int fiscal_exchange_paths(const char *a, const char *b);

#endif
