// See include/CToml.h. toml++ is used in its header-only form and without exceptions: a
// syntax error comes back as a parse_result, and only running out of memory throws (caught
// here: nothing crosses into Swift).
//
// toml++'s internal assertions are off in every build. Its parser asserts what it also
// handles: toml++ 3.3.0 reads the key of a table header such as `[[[1]]]` or `[\x04]`
// with a function that reports "expected bare key starting character" as a syntax error,
// yet first asserts that the character is one. An assertion aborts the process (a profile
// would end wifirisk), and under NDEBUG it becomes a compiler assumption (undefined
// behaviour on that input). With TOML_ASSERT defined to nothing and NDEBUG undefined
// while the header is read, the assertion is neither checked nor assumed, and the input
// gets the syntax error.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#define TOML_ASSERT(expr) static_cast<void>(0)
#ifdef NDEBUG
#define CTOML_NDEBUG 1
#undef NDEBUG
#endif
#include <toml++/toml.h>
#ifdef CTOML_NDEBUG
#define NDEBUG 1
#endif

#include "CToml.h"

#include <new>
#include <string>
#include <vector>

struct ctoml_document {
  toml::parse_result result;
  std::vector<ctoml_node> nodes;
  std::string error;
};

namespace {

ctoml_node blank(ctoml_kind kind, std::string_view key) {
  ctoml_node node{};
  node.kind = kind;
  node.key = key.data();
  node.key_length = key.size();
  return node;
}

void append(std::vector<ctoml_node> &nodes, std::string_view key, const toml::node &value);

void appendTable(std::vector<ctoml_node> &nodes, std::string_view key, const toml::table &table) {
  ctoml_node node = blank(CTOML_TABLE, key);
  node.count = table.size();
  nodes.push_back(node);
  for (auto &&[member, value] : table) {
    append(nodes, member.str(), value);
  }
}

// toml++ refuses documents nested deeper than TOML_MAX_NESTED_VALUES (256), so this
// recursion is bounded.
void append(std::vector<ctoml_node> &nodes, std::string_view key, const toml::node &value) {
  switch (value.type()) {
  case toml::node_type::table:
    appendTable(nodes, key, *value.as_table());
    return;
  case toml::node_type::array: {
    const toml::array &array = *value.as_array();
    ctoml_node node = blank(CTOML_ARRAY, key);
    node.count = array.size();
    nodes.push_back(node);
    for (const toml::node &element : array) {
      append(nodes, std::string_view(), element);
    }
    return;
  }
  case toml::node_type::string: {
    const std::string &text = value.as_string()->get();
    ctoml_node node = blank(CTOML_STRING, key);
    node.text = text.data();
    node.text_length = text.size();
    nodes.push_back(node);
    return;
  }
  case toml::node_type::integer: {
    ctoml_node node = blank(CTOML_INTEGER, key);
    node.integer = value.as_integer()->get();
    nodes.push_back(node);
    return;
  }
  case toml::node_type::floating_point: {
    ctoml_node node = blank(CTOML_FLOAT, key);
    node.number = value.as_floating_point()->get();
    nodes.push_back(node);
    return;
  }
  case toml::node_type::boolean: {
    ctoml_node node = blank(CTOML_BOOLEAN, key);
    node.boolean = value.as_boolean()->get() ? 1 : 0;
    nodes.push_back(node);
    return;
  }
  case toml::node_type::date:
    nodes.push_back(blank(CTOML_DATE, key));
    return;
  case toml::node_type::time:
    nodes.push_back(blank(CTOML_TIME, key));
    return;
  case toml::node_type::date_time:
    nodes.push_back(blank(CTOML_DATE_TIME, key));
    return;
  case toml::node_type::none:
    return;
  }
}

}  // namespace

extern "C" struct ctoml_document *ctoml_parse(const char *text, size_t length) {
  ctoml_document *document = new (std::nothrow) ctoml_document();
  if (document == nullptr) {
    return nullptr;
  }
  try {
    document->result = toml::parse(std::string_view(text, length));
    if (document->result) {
      appendTable(document->nodes, std::string_view(), document->result.table());
    } else {
      document->error = std::string(document->result.error().description());
    }
  } catch (...) {
    delete document;
    return nullptr;
  }
  return document;
}

extern "C" const struct ctoml_node *ctoml_nodes(
    const struct ctoml_document *document, size_t *count) {
  if (!document->result) {
    *count = 0;
    return nullptr;
  }
  *count = document->nodes.size();
  return document->nodes.data();
}

extern "C" const char *ctoml_error(
    const struct ctoml_document *document, uint32_t *line, uint32_t *column) {
  if (document->result) {
    return nullptr;
  }
  const toml::source_region &source = document->result.error().source();
  *line = source.begin.line;
  *column = source.begin.column;
  return document->error.c_str();
}

extern "C" void ctoml_free(struct ctoml_document *document) { delete document; }
