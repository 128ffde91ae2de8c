// See include/CLibraryLoader.h.
#include "CLibraryLoader.h"

#include <dlfcn.h>
#include <stdio.h>

void *library_loader_open(const char *what, const char *const *names, size_t count,
                          const char *const *symbols, size_t symbol_count, void **addresses,
                          size_t *opened, char *reason, size_t size) {
  char errors[512] = "";
  size_t used = 0;
  for (size_t index = 0; index < count; index++) {
    void *library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
      const char *error = dlerror();
      int written = snprintf(errors + used, sizeof errors - used, "%s%s", used ? "; " : "",
                             error ? error : names[index]);
      size_t left = sizeof errors - used;
      if (written > 0) used += (size_t)written < left ? (size_t)written : left - 1;
      continue;
    }
    for (size_t symbol = 0; symbol < symbol_count; symbol++) {
      addresses[symbol] = dlsym(library, symbols[symbol]);
      if (addresses[symbol] == NULL) {
        snprintf(reason, size, "%s has no %s: not a usable %s", names[index], symbols[symbol],
                 what);
        dlclose(library);
        return NULL;
      }
    }
    *opened = index;
    return library;
  }
  snprintf(reason, size, "%s is not installed (%s)", what, used ? errors : "no library named");
  return NULL;
}
