// Opening a C library with dlopen and finding its functions: what CCurl and CPcap share, so
// that neither library is linked and each is mapped only when it is first needed.
#ifndef CLIBRARYLOADER_H
#define CLIBRARYLOADER_H

#include <stddef.h>

/// Opens the first of `names` (sonames such as "libpcap.so.0.8") that dlopen opens
/// (RTLD_NOW | RTLD_LOCAL) and finds each of `symbols` in it, in order, into `addresses`.
/// Returns the library's handle, with the position of its name in `*opened`. Returns NULL
/// with a one-line reason in `reason` when no name opens ("<what> is not installed (...)",
/// with dlopen's message for each name) or when the first that opens lacks a symbol ("<name>
/// has no <symbol>: not a usable <what>"; that library is closed again and no later name is
/// tried). Holds no lock: callers serialise their own loading.
void *library_loader_open(const char *what, const char *const *names, size_t count,
                          const char *const *symbols, size_t symbol_count, void **addresses,
                          size_t *opened, char *reason, size_t size);

#endif
