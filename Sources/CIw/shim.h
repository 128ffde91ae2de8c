// libiw (wireless-tools) and the Wireless Extensions ioctl definitions that WifiRiskWext
// uses, in one place. Debian's libiw-dev installs no pkg-config file, so the module map
// names the library (`link "iw"`) instead of SwiftPM asking pkg-config.
#ifndef WIFIRISK_CIW_SHIM_H
#define WIFIRISK_CIW_SHIM_H
#include <iwlib.h>
#endif
