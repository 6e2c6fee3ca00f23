#ifndef FISCAL_SIM_CLIBCRYPTO_SHIM_H
#define FISCAL_SIM_CLIBCRYPTO_SHIM_H
/* OpenSSL's libcrypto (Debian libssl-dev, pkg-config name `libcrypto`): only the EVP digest
   interface, for the SHA-256 that the run manifests record (ContentDigest). */
#include <openssl/evp.h>
#endif
