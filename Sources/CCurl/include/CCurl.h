// libcurl's easy interface, reached through dlopen: wifirisk does not link libcurl, so a
// command that makes no HTTP request never maps it (nor its TLS, Kerberos, LDAP and SSH
// libraries). The types and constants are libcurl's own header's; the functions below are
// the few libcurl entry points wifirisk uses, each calling the symbol found at load time.
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// function per argument type stands in for each.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <stddef.h>

/// CURLOPT_QUICK_EXIT (libcurl 7.87), by its number, so that wifirisk also builds against
/// older headers (option numbers never change); an older libcurl answers CURLE_UNKNOWN_OPTION.
static const CURLoption ccurl_option_quick_exit = (CURLoption)(CURLOPTTYPE_LONG + 322);

/// Loads the first of `names` that opens (sonames such as "libcurl.so.4") and finds the
/// functions below in it, then initialises libcurl once. Safe to call from several threads:
/// the first library loaded stays for the life of the process (it is never closed) and
/// later calls return 0 at once. Returns 0 when libcurl is ready; -1 otherwise, with a
/// one-line reason in `reason`, and nothing changed.
int ccurl_load(const char *const *names, size_t count, char *reason, size_t size);

/// The soname that was loaded, or NULL before a successful `ccurl_load`.
const char *ccurl_library_name(void);

/// curl_version(): "libcurl/7.88.1 OpenSSL/3.0.11 ...". Only after a successful load.
const char *ccurl_version(void);

// Each of these requires a successful `ccurl_load` first; before it they do nothing and
// return NULL or CURLE_FAILED_INIT.
CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *handle);
CURLcode ccurl_easy_perform(CURL *handle);
const char *ccurl_easy_strerror(CURLcode code);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_write_function(
    CURL *handle, CURLoption option, curl_write_callback callback);
CURLcode ccurl_setopt_sockopt_function(CURL *handle, curl_sockopt_callback callback);
CURLcode ccurl_setopt_closesocket_function(CURL *handle, curl_closesocket_callback callback);

/// Allows http and https only, for the request and for any redirect: the _STR options of
/// libcurl 7.85 and later, the bit masks of older versions (which lack the _STR options).
CURLcode ccurl_allow_http_only(CURL *handle);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *text);
void ccurl_slist_free_all(struct curl_slist *list);

#endif
