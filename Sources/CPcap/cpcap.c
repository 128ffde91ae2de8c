// See include/CPcap.h.
#include "CPcap.h"

#include <CLibraryLoader.h>
#include <pthread.h>

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

int cpcap_load(const char *const *names, size_t count, char *reason, size_t size) {
  if (is_loaded()) return 0;
  pthread_mutex_lock(&lock);
  if (loaded) {
    pthread_mutex_unlock(&lock);
    return 0;
  }
  static const char *const symbols[] = {
      "pcap_fopen_offline",
      "pcap_close",
      "pcap_datalink",
      "pcap_datalink_val_to_name",
      "pcap_datalink_val_to_description",
      "pcap_next_ex",
      "pcap_geterr",
  };
  void *addresses[sizeof symbols / sizeof symbols[0]];
  size_t opened = 0;
  if (library_loader_open("libpcap", names, count, symbols, sizeof symbols / sizeof symbols[0],
                          addresses, &opened, reason, size) == NULL) {
    pthread_mutex_unlock(&lock);
    return -1;
  }
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  *(void **)&pcap.fopen_offline = addresses[0];
  *(void **)&pcap.close = addresses[1];
  *(void **)&pcap.datalink = addresses[2];
  *(void **)&pcap.datalink_val_to_name = addresses[3];
  *(void **)&pcap.datalink_val_to_description = addresses[4];
  *(void **)&pcap.next_ex = addresses[5];
  *(void **)&pcap.geterr = addresses[6];
  snprintf(loaded_name, sizeof loaded_name, "%s", names[opened]);
  __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&lock);
  return 0;
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
