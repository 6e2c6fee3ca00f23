#ifndef FISCAL_SIM_COPENBLAS_SHIM_H
#define FISCAL_SIM_COPENBLAS_SHIM_H
#include <stddef.h>
#include <cblas.h>

/* Debian's libopenblas-dev ships no lapacke.h: declare the Fortran LAPACK symbols used.
   The trailing size_t is gfortran's hidden string length (pass 1). */
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);

void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
