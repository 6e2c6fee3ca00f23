#ifndef FISCAL_SIM_COPENBLAS_SHIM_H
#define FISCAL_SIM_COPENBLAS_SHIM_H
#include <stddef.h>
#include <cblas.h>

/* Debian's libopenblas-dev ships no lapacke.h: declare the Fortran LAPACK symbols used.
   The trailing size_t is gfortran's hidden string length (pass 1). */
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info, size_t jobz_len, size_t uplo_len);

void openblas_set_num_threads(int num_threads);
/* Stops OpenBLAS's worker threads (started when the library loads, they spin before sleeping);
   a later multi-threaded call would start them again. */
int blas_thread_shutdown_(void);
int openblas_get_num_threads(void);
#endif
