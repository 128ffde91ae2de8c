// libpcap's offline reader, reached through dlopen: wifirisk does not link libpcap, so a
// command that reads no capture never maps it (nor the D-Bus, systemd and compression
// libraries Debian's libpcap is linked with). The types and constants are libpcap's own
// header's; the functions below are the few libpcap entry points wifirisk uses, each calling
// the symbol found at load time.
#ifndef CPCAP_H
#define CPCAP_H

#include <pcap/pcap.h>
#include <stddef.h>
#include <stdio.h>

/// Loads the first of `names` that opens (sonames such as "libpcap.so.0.8") and finds the
/// functions below in it. Safe to call from several threads: the first library loaded stays
/// for the life of the process (it is never closed) and later calls return 0 at once.
/// Returns 0 when libpcap is ready; -1 otherwise, with a one-line reason in `reason`.
int cpcap_load(const char *const *names, size_t count, char *reason, size_t size);

/// The soname that was loaded, or NULL before a successful `cpcap_load`.
const char *cpcap_library_name(void);

// Each of these requires a successful `cpcap_load` first; before it they do nothing and
// return NULL, -1 or PCAP_ERROR.
pcap_t *cpcap_fopen_offline(FILE *file, char *error_buffer);
void cpcap_close(pcap_t *handle);
int cpcap_datalink(pcap_t *handle);
const char *cpcap_datalink_val_to_name(int value);
const char *cpcap_datalink_val_to_description(int value);
int cpcap_next_ex(pcap_t *handle, struct pcap_pkthdr **header, const u_char **data);
char *cpcap_geterr(pcap_t *handle);

#endif
