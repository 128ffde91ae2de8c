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

int library_loader_is_loaded(struct library_once *once) {
  return __atomic_load_n(&once->loaded, __ATOMIC_ACQUIRE);
}

int library_loader_once(struct library_once *once, const char *what, const char *const *names,
                        size_t count, const char *const *symbols, size_t symbol_count,
                        int (*ready)(void *const *addresses, const char *name, char *reason,
                                     size_t size),
                        char *reason, size_t size) {
  if (library_loader_is_loaded(once)) return 0;
  pthread_mutex_lock(&once->lock);
  if (once->loaded) {
    pthread_mutex_unlock(&once->lock);
    return 0;
  }
  void *addresses[symbol_count > 0 ? symbol_count : 1];
  size_t opened = 0;
  if (library_loader_open(what, names, count, symbols, symbol_count, addresses, &opened, reason,
                          size) == NULL ||
      ready(addresses, names[opened], reason, size) != 0) {
    pthread_mutex_unlock(&once->lock);
    return -1;
  }
  snprintf(once->name, sizeof once->name, "%s", names[opened]);
  __atomic_store_n(&once->loaded, 1, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&once->lock);
  return 0;
}
