// The libpcap header that WifiRiskPcap uses, in one place. Only the offline reader is used:
// pcap_fopen_offline (pcap and pcapng files, on a FILE the caller opened), pcap_datalink,
// pcap_next_ex, pcap_close.
#ifndef WIFIRISK_CPCAP_SHIM_H
#define WIFIRISK_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
