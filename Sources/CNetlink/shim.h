// The libnl and nl80211 headers that WifiRiskNetlink uses, in one place.
#ifndef WIFIRISK_CNETLINK_SHIM_H
#define WIFIRISK_CNETLINK_SHIM_H
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <linux/nl80211.h>
#endif
