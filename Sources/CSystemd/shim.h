// The sd-bus declarations WifiRiskIwd uses, from libsystemd's own header
// (libsystemd-dev). Nothing here links libsystemd: WifiRiskIwd opens libsystemd.so.0 with
// dlopen when it first talks to the bus, and calls through pointers of these types, so a
// wifirisk that never asks iwd never maps the library.
#ifndef WIFIRISK_CSYSTEMD_SHIM_H
#define WIFIRISK_CSYSTEMD_SHIM_H
#include <systemd/sd-bus.h>

typedef __typeof__(sd_bus_open_system) *wifirisk_sd_bus_open_system;
typedef __typeof__(sd_bus_new) *wifirisk_sd_bus_new;
typedef __typeof__(sd_bus_set_address) *wifirisk_sd_bus_set_address;
typedef __typeof__(sd_bus_set_bus_client) *wifirisk_sd_bus_set_bus_client;
typedef __typeof__(sd_bus_start) *wifirisk_sd_bus_start;
typedef __typeof__(sd_bus_flush_close_unref) *wifirisk_sd_bus_flush_close_unref;
typedef __typeof__(sd_bus_message_new_method_call) *wifirisk_sd_bus_message_new_method_call;
typedef __typeof__(sd_bus_message_set_auto_start) *wifirisk_sd_bus_message_set_auto_start;
typedef __typeof__(sd_bus_message_append_basic) *wifirisk_sd_bus_message_append_basic;
typedef __typeof__(sd_bus_call) *wifirisk_sd_bus_call;
typedef __typeof__(sd_bus_message_unref) *wifirisk_sd_bus_message_unref;
typedef __typeof__(sd_bus_message_peek_type) *wifirisk_sd_bus_message_peek_type;
typedef __typeof__(sd_bus_message_read_basic) *wifirisk_sd_bus_message_read_basic;
typedef __typeof__(sd_bus_message_enter_container) *wifirisk_sd_bus_message_enter_container;
typedef __typeof__(sd_bus_message_exit_container) *wifirisk_sd_bus_message_exit_container;
typedef __typeof__(sd_bus_message_skip) *wifirisk_sd_bus_message_skip;
typedef __typeof__(sd_bus_error_free) *wifirisk_sd_bus_error_free;

#endif
