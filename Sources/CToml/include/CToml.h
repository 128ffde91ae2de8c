// toml++ (Debian's libtomlplusplus-dev, header only) behind a few C functions, so that Swift
// reads a parsed TOML document without C++ interoperability and without a Swift wrapper
// library. The parser is compiled into wifirisk: no shared library is loaded for it.
//
// A parsed document is a flat list of nodes in depth-first order: the root table first, and
// every table or array followed by its `count` members, each with its own members after it.
// Keys, strings and error texts point into the document and live until `ctoml_free`.
#ifndef CTOML_H
#define CTOML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum ctoml_kind {
  CTOML_TABLE = 0,
  CTOML_ARRAY = 1,
  CTOML_STRING = 2,
  CTOML_INTEGER = 3,
  CTOML_FLOAT = 4,
  CTOML_BOOLEAN = 5,
  CTOML_DATE = 6,
  CTOML_TIME = 7,
  CTOML_DATE_TIME = 8,
};

struct ctoml_node {
  enum ctoml_kind kind;
  /// The member's key in its table (UTF-8, not NUL-terminated); empty in an array and at
  /// the root.
  const char *key;
  size_t key_length;
  /// A string's value (UTF-8, not NUL-terminated, may hold NUL).
  const char *text;
  size_t text_length;
  int64_t integer;
  double number;
  int boolean;
  /// A table's or an array's number of members.
  size_t count;
};

struct ctoml_document;

/// Parses `length` bytes of TOML. Returns NULL only when memory ran out; otherwise a
/// document that holds either the nodes or a syntax error.
struct ctoml_document *ctoml_parse(const char *text, size_t length);

/// The nodes of a document that parsed (`*count` of them), or NULL after a syntax error.
const struct ctoml_node *ctoml_nodes(const struct ctoml_document *document, size_t *count);

/// toml++'s description of the syntax error, with the line and column (from 1) where it
/// begins; NULL when the document parsed.
const char *ctoml_error(
    const struct ctoml_document *document, uint32_t *line, uint32_t *column);

void ctoml_free(struct ctoml_document *document);

#ifdef __cplusplus
}
#endif

#endif
