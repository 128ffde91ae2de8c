// See include/CICU.h. ICU's header renames every function with the library's major version
// (uspoof_open becomes uspoof_open_72), so the names looked up with dlsym come from the same
// macros: the binary asks for exactly the ICU it was built against, as a linked one would.
#include "CICU.h"

#include <CLibraryLoader.h>
#include <stdio.h>
#include <unicode/uspoof.h>
#include <unicode/uversion.h>

#define CICU_STRING2(x) #x
#define CICU_STRING(x) CICU_STRING2(x)

static const char library_name[] = "libicui18n.so." CICU_STRING(U_ICU_VERSION_MAJOR_NUM);

// Written once, by `open_checker` under `once`'s lock, before it counts as loaded.
static int32_t (*get_skeleton)(const USpoofChecker *checker, uint32_t type, const char *id,
                               int32_t length, char *dest, int32_t capacity,
                               UErrorCode *status);
static USpoofChecker *checker;
static struct library_once once = LIBRARY_ONCE_INITIALIZER;

static int open_checker(void *const *addresses, const char *name, char *reason, size_t size) {
  (void)name;
  USpoofChecker *(*open)(UErrorCode *status);
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  *(void **)&open = addresses[0];
  *(void **)&get_skeleton = addresses[1];
  UErrorCode status = U_ZERO_ERROR;
  checker = open(&status);
  if (checker == NULL || U_FAILURE(status)) {
    snprintf(reason, size, "ICU's spoof checker could not be opened (error %d)", (int)status);
    return -1;
  }
  // The library and the checker live as long as the process: nothing closes them.
  return 0;
}

int cicu_load(char *reason, size_t size) {
  static const char *const names[] = {library_name};
  static const char *const symbols[] = {CICU_STRING(uspoof_open),
                                        CICU_STRING(uspoof_getSkeletonUTF8)};
  return library_loader_once(&once, "ICU (the version wifirisk was built against)", names, 1,
                             symbols, 2, open_checker, reason, reason != NULL ? size : 0);
}

const char *cicu_library_name(void) { return library_name; }

int32_t cicu_skeleton(const char *text, int32_t length, char *output, int32_t capacity,
                      int *overflow) {
  *overflow = 0;
  if (!library_loader_is_loaded(&once)) return -1;
  UErrorCode status = U_ZERO_ERROR;
  // Type 0: the only skeleton TR39 defines since ICU 58. A checker that is only read may be
  // used from several threads at once.
  int32_t written = get_skeleton(checker, 0, text, length, output, capacity, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    *overflow = 1;
    return written;
  }
  if (U_FAILURE(status) || written < 0) return -1;
  return written;
}
