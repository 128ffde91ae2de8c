// See include/CICU.h. ICU's header renames every function with the library's major version
// (uspoof_open becomes uspoof_open_72), so the names looked up with dlsym come from the same
// macros: the binary asks for exactly the ICU it was built against, as a linked one would.
#include "CICU.h"

#include "CLibraryLoader.h"
#include <pthread.h>
#include <stdio.h>
#include <unicode/uspoof.h>
#include <unicode/uversion.h>

#define CICU_STRING2(x) #x
#define CICU_STRING(x) CICU_STRING2(x)

static const char library_name[] = "libicui18n.so." CICU_STRING(U_ICU_VERSION_MAJOR_NUM);

static pthread_once_t once = PTHREAD_ONCE_INIT;
// Written once inside pthread_once; read only after it returns.
static USpoofChecker *(*open_checker)(UErrorCode *status);
static int32_t (*get_skeleton)(const USpoofChecker *checker, uint32_t type, const char *id,
                               int32_t length, char *dest, int32_t capacity,
                               UErrorCode *status);
static USpoofChecker *checker;
static char failure[256];
static int ready;

static void load(void) {
  const char *const names[] = {library_name};
  const char *const symbols[] = {CICU_STRING(uspoof_open), CICU_STRING(uspoof_getSkeletonUTF8)};
  void *addresses[2];
  size_t opened;
  if (library_loader_open("ICU (the version wifirisk was built against)", names, 1, symbols, 2,
                          addresses, &opened, failure, sizeof failure) == NULL) {
    return;
  }
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  *(void **)&open_checker = addresses[0];
  *(void **)&get_skeleton = addresses[1];
  UErrorCode status = U_ZERO_ERROR;
  checker = open_checker(&status);
  if (checker == NULL || U_FAILURE(status)) {
    snprintf(failure, sizeof failure, "ICU's spoof checker could not be opened (error %d)",
             (int)status);
    return;
  }
  // The library and the checker live as long as the process: nothing closes them.
  ready = 1;
}

int cicu_load(char *reason, size_t size) {
  pthread_once(&once, load);
  if (ready) return 0;
  if (reason != NULL && size > 0) snprintf(reason, size, "%s", failure);
  return -1;
}

const char *cicu_library_name(void) { return library_name; }

int32_t cicu_skeleton(const char *text, int32_t length, char *output, int32_t capacity,
                      int *overflow) {
  *overflow = 0;
  if (cicu_load(NULL, 0) != 0) return -1;
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
