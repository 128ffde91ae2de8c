// See include/CCurl.h. The bit-mask options of libcurl before 7.85 are deprecated in newer
// headers; they are used only when the library at run time is older than that. Options newer
// than the oldest supported header (Ubuntu 22.04's 7.81) are named by number.
#define CURL_DISABLE_DEPRECATION 1
#include "CCurl.h"

#include <CLibraryLoader.h>
#include <stdio.h>
#include <string.h>

struct functions {
  CURLcode (*global_init)(long flags);
  char *(*version)(void);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *handle);
  CURLcode (*easy_perform)(CURL *handle);
  const char *(*easy_strerror)(CURLcode code);
  CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
  struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
  void (*slist_free_all)(struct curl_slist *list);
};

// Written once, by `store` under `once`'s lock, before it counts as loaded.
static struct functions curl;
static struct library_once once = LIBRARY_ONCE_INITIALIZER;

static int is_loaded(void) { return library_loader_is_loaded(&once); }

static int store(void *const *addresses, const char *name, char *reason, size_t size) {
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  struct functions found;
  *(void **)&found.global_init = addresses[0];
  *(void **)&found.version = addresses[1];
  *(void **)&found.easy_init = addresses[2];
  *(void **)&found.easy_cleanup = addresses[3];
  *(void **)&found.easy_perform = addresses[4];
  *(void **)&found.easy_strerror = addresses[5];
  *(void **)&found.easy_setopt = addresses[6];
  *(void **)&found.easy_getinfo = addresses[7];
  *(void **)&found.slist_append = addresses[8];
  *(void **)&found.slist_free_all = addresses[9];
  CURLcode code = found.global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    // Not closed: libcurl may have left state behind that refers to its own code.
    snprintf(reason, size, "%s: curl_global_init failed: %s", name, found.easy_strerror(code));
    return -1;
  }
  curl = found;
  return 0;
}

int ccurl_load(const char *const *names, size_t count, char *reason, size_t size) {
  static const char *const symbols[] = {
      "curl_global_init",  "curl_version",       "curl_easy_init",    "curl_easy_cleanup",
      "curl_easy_perform", "curl_easy_strerror", "curl_easy_setopt",  "curl_easy_getinfo",
      "curl_slist_append", "curl_slist_free_all",
  };
  return library_loader_once(&once, "libcurl", names, count, symbols,
                             sizeof symbols / sizeof symbols[0], store, reason, size);
}

const char *ccurl_library_name(void) { return is_loaded() ? once.name : NULL; }

const char *ccurl_version(void) { return is_loaded() ? curl.version() : NULL; }

CURL *ccurl_easy_init(void) { return is_loaded() ? curl.easy_init() : NULL; }

void ccurl_easy_cleanup(CURL *handle) {
  if (is_loaded() && handle != NULL) curl.easy_cleanup(handle);
}

CURLcode ccurl_easy_perform(CURL *handle) {
  return is_loaded() ? curl.easy_perform(handle) : CURLE_FAILED_INIT;
}

const char *ccurl_easy_strerror(CURLcode code) {
  return is_loaded() ? curl.easy_strerror(code) : "libcurl is not loaded";
}

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
  return is_loaded() ? curl.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return is_loaded() ? curl.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return is_loaded() ? curl.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option,
                                     curl_write_callback callback) {
  return is_loaded() ? curl.easy_setopt(handle, option, callback) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_sockopt_function(CURL *handle, curl_sockopt_callback callback) {
  return is_loaded() ? curl.easy_setopt(handle, CURLOPT_SOCKOPTFUNCTION, callback)
                     : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_closesocket_function(CURL *handle, curl_closesocket_callback callback) {
  return is_loaded() ? curl.easy_setopt(handle, CURLOPT_CLOSESOCKETFUNCTION, callback)
                     : CURLE_FAILED_INIT;
}

CURLcode ccurl_allow_http_only(CURL *handle) {
  if (!is_loaded()) return CURLE_FAILED_INIT;
  // CURLOPT_PROTOCOLS_STR and CURLOPT_REDIR_PROTOCOLS_STR (7.85) by number, for older headers.
  const CURLoption protocols = (CURLoption)(CURLOPTTYPE_STRINGPOINT + 318);
  const CURLoption redirect_protocols = (CURLoption)(CURLOPTTYPE_STRINGPOINT + 319);
  CURLcode code = curl.easy_setopt(handle, protocols, "http,https");
  if (code == CURLE_OK) code = curl.easy_setopt(handle, redirect_protocols, "http,https");
  if (code != CURLE_UNKNOWN_OPTION) return code;
  // libcurl before 7.85: the bit masks.
  long both = CURLPROTO_HTTP | CURLPROTO_HTTPS;
  code = curl.easy_setopt(handle, CURLOPT_PROTOCOLS, both);
  if (code == CURLE_OK) code = curl.easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, both);
  return code;
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return is_loaded() ? curl.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
  return is_loaded() ? curl.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
  return is_loaded() ? curl.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *text) {
  return is_loaded() ? curl.slist_append(list, text) : NULL;
}

void ccurl_slist_free_all(struct curl_slist *list) {
  if (is_loaded()) curl.slist_free_all(list);
}
