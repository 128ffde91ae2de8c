// Opening a C library with dlopen and finding its functions: what CCurl, CPcap and CICU
// share, so that none of those libraries is linked and each is mapped only when it is first
// needed.
#ifndef CLIBRARYLOADER_H
#define CLIBRARYLOADER_H

#include <pthread.h>
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

/// A library a C target loads once per process: the first call that succeeds loads it, later
/// calls return at once; a call that fails leaves it unloaded, so a later call tries again.
struct library_once {
  pthread_mutex_t lock;
  /// Set (release) once the functions are stored; read with library_loader_is_loaded.
  int loaded;
  /// The soname that opened.
  char name[256];
};

#define LIBRARY_ONCE_INITIALIZER {PTHREAD_MUTEX_INITIALIZER, 0, {0}}

/// library_loader_open under `once`'s lock, unless the library is loaded already. On success
/// `ready` gets the symbols' addresses (in the order of `symbols`) and the soname, to store
/// them and set the library up; it returns 0, or -1 with a reason in `reason`, which leaves
/// the library unloaded (it is not closed: it may have left state behind). Only after
/// `ready` succeeds does `once` count as loaded, so a reader that sees it loaded sees what
/// `ready` stored. Returns 0 when loaded, -1 with a one-line reason otherwise.
int library_loader_once(struct library_once *once, const char *what, const char *const *names,
                        size_t count, const char *const *symbols, size_t symbol_count,
                        int (*ready)(void *const *addresses, const char *name, char *reason,
                                     size_t size),
                        char *reason, size_t size);

/// True once library_loader_once has loaded `once`'s library.
int library_loader_is_loaded(struct library_once *once);

#endif
