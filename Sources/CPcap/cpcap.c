// See include/CPcap.h.
#include "CPcap.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

struct functions {
  pcap_t *(*fopen_offline)(FILE *file, char *error_buffer);
  void (*close)(pcap_t *handle);
  int (*datalink)(pcap_t *handle);
  const char *(*datalink_val_to_name)(int value);
  const char *(*datalink_val_to_description)(int value);
  int (*next_ex)(pcap_t *handle, struct pcap_pkthdr **header, const u_char **data);
  char *(*geterr)(pcap_t *handle);
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
// Written once, under the lock, before `loaded` is set; read only after `loaded` is seen.
static struct functions pcap;
static char loaded_name[256];
static int loaded;

static int is_loaded(void) { return __atomic_load_n(&loaded, __ATOMIC_ACQUIRE); }

// Finds every function in `library`; on failure names the missing one in `reason`.
static int find_functions(void *library, const char *name, struct functions *found,
                          char *reason, size_t size) {
  static const char *const symbols[] = {
      "pcap_fopen_offline",        "pcap_close",
      "pcap_datalink",             "pcap_datalink_val_to_name",
      "pcap_datalink_val_to_description", "pcap_next_ex",
      "pcap_geterr",
  };
  void *addresses[sizeof symbols / sizeof symbols[0]];
  for (size_t index = 0; index < sizeof symbols / sizeof symbols[0]; index++) {
    addresses[index] = dlsym(library, symbols[index]);
    if (addresses[index] == NULL) {
      snprintf(reason, size, "%s has no %s: not a usable libpcap", name, symbols[index]);
      return -1;
    }
  }
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  *(void **)&found->fopen_offline = addresses[0];
  *(void **)&found->close = addresses[1];
  *(void **)&found->datalink = addresses[2];
  *(void **)&found->datalink_val_to_name = addresses[3];
  *(void **)&found->datalink_val_to_description = addresses[4];
  *(void **)&found->next_ex = addresses[5];
  *(void **)&found->geterr = addresses[6];
  return 0;
}

int cpcap_load(const char *const *names, size_t count, char *reason, size_t size) {
  if (is_loaded()) return 0;
  pthread_mutex_lock(&lock);
  if (loaded) {
    pthread_mutex_unlock(&lock);
    return 0;
  }
  char errors[512] = "";
  size_t used = 0;
  int result = -1;
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
    struct functions found;
    if (find_functions(library, names[index], &found, reason, size) != 0) {
      dlclose(library);
      pthread_mutex_unlock(&lock);
      return -1;
    }
    pcap = found;
    snprintf(loaded_name, sizeof loaded_name, "%s", names[index]);
    __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
    result = 0;
    break;
  }
  if (result != 0) {
    snprintf(reason, size, "libpcap is not installed (%s)", used ? errors : "no library named");
  }
  pthread_mutex_unlock(&lock);
  return result;
}

const char *cpcap_library_name(void) { return is_loaded() ? loaded_name : NULL; }

pcap_t *cpcap_fopen_offline(FILE *file, char *error_buffer) {
  if (!is_loaded()) {
    if (error_buffer != NULL) snprintf(error_buffer, PCAP_ERRBUF_SIZE, "libpcap is not loaded");
    return NULL;
  }
  return pcap.fopen_offline(file, error_buffer);
}

void cpcap_close(pcap_t *handle) {
  if (is_loaded() && handle != NULL) pcap.close(handle);
}

int cpcap_datalink(pcap_t *handle) { return is_loaded() ? pcap.datalink(handle) : -1; }

const char *cpcap_datalink_val_to_name(int value) {
  return is_loaded() ? pcap.datalink_val_to_name(value) : NULL;
}

const char *cpcap_datalink_val_to_description(int value) {
  return is_loaded() ? pcap.datalink_val_to_description(value) : NULL;
}

int cpcap_next_ex(pcap_t *handle, struct pcap_pkthdr **header, const u_char **data) {
  return is_loaded() ? pcap.next_ex(handle, header, data) : PCAP_ERROR;
}

char *cpcap_geterr(pcap_t *handle) { return is_loaded() ? pcap.geterr(handle) : NULL; }
