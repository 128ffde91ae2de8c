// See include/CPcap.h.
#include "CPcap.h"

#include <CLibraryLoader.h>

struct functions {
  pcap_t *(*fopen_offline)(FILE *file, char *error_buffer);
  void (*close)(pcap_t *handle);
  int (*datalink)(pcap_t *handle);
  const char *(*datalink_val_to_name)(int value);
  const char *(*datalink_val_to_description)(int value);
  int (*next_ex)(pcap_t *handle, struct pcap_pkthdr **header, const u_char **data);
  char *(*geterr)(pcap_t *handle);
};

// Written once, by `store` under `once`'s lock, before it counts as loaded.
static struct functions pcap;
static struct library_once once = LIBRARY_ONCE_INITIALIZER;

static int is_loaded(void) { return library_loader_is_loaded(&once); }

static int store(void *const *addresses, const char *name, char *reason, size_t size) {
  (void)name, (void)reason, (void)size;
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  *(void **)&pcap.fopen_offline = addresses[0];
  *(void **)&pcap.close = addresses[1];
  *(void **)&pcap.datalink = addresses[2];
  *(void **)&pcap.datalink_val_to_name = addresses[3];
  *(void **)&pcap.datalink_val_to_description = addresses[4];
  *(void **)&pcap.next_ex = addresses[5];
  *(void **)&pcap.geterr = addresses[6];
  return 0;
}

int cpcap_load(const char *const *names, size_t count, char *reason, size_t size) {
  static const char *const symbols[] = {
      "pcap_fopen_offline",
      "pcap_close",
      "pcap_datalink",
      "pcap_datalink_val_to_name",
      "pcap_datalink_val_to_description",
      "pcap_next_ex",
      "pcap_geterr",
  };
  return library_loader_once(&once, "libpcap", names, count, symbols,
                             sizeof symbols / sizeof symbols[0], store, reason, size);
}

const char *cpcap_library_name(void) { return is_loaded() ? once.name : NULL; }

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
