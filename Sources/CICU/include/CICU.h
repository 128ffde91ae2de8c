// ICU's spoof checker, reached through dlopen: wifirisk does not link ICU, so a command that
// compares no network names never maps it (nor its 30 MB data library). The functions below
// are the two ICU entry points wifirisk uses (uspoof_open, uspoof_getSkeletonUTF8), each
// calling the symbol found at load time. This header names no ICU type, so Swift sees plain
// C types; cicu.c is compiled against ICU's own header (libicu-dev), which also gives the
// library's soname and the version suffix ICU puts on every symbol (uspoof_open_72).
#ifndef CICU_H
#define CICU_H

#include <stddef.h>
#include <stdint.h>

/// Loads libicui18n (the soname of the ICU the headers belong to) and opens a spoof checker,
/// once per process (CLibraryLoader's library_once); later calls return at once. Safe to
/// call from several threads; the library and the checker stay for the life of the process.
/// Returns 0 when ready; -1 otherwise, with a one-line reason in `reason` (ICU stays
/// unloaded, and a later call tries again).
int cicu_load(char *reason, size_t size);

/// The soname that was loaded or tried ("libicui18n.so.72").
const char *cicu_library_name(void);

/// Writes the TR39 confusable skeleton of the UTF-8 `text` (`length` bytes) into `output`
/// (`capacity` bytes, not terminated) and returns its length. When the skeleton needs more
/// room, returns its length and writes `*overflow = 1`; on any other failure (ICU not
/// loaded, ICU refused the text) returns -1. Requires a successful `cicu_load` first.
int32_t cicu_skeleton(const char *text, int32_t length, char *output, int32_t capacity,
                      int *overflow);

#endif
