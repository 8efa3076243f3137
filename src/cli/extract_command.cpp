// `sendscan extract`: reads each input, runs every stage but the store, prints one contract
// line per input (CONTRACT.md) in input order.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>
#include <iterator>
#include <optional>

#include "cli/commands.hpp"
#include "sendscan/extract.hpp"
#include "sendscan/contract.hpp"
#include "sendscan/ingest.hpp"
#include "sendscan/lexicon.hpp"
#include "sendscan/normalise.hpp"

#ifndef SENDSCAN_VERSION
#define SENDSCAN_VERSION "0.0.0"
#endif

namespace sendscan::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string kind = "auto";
  std::string published;
  std::string source_name;
  std::string url;
};

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// The caller's overrides win over what the document says.
void ApplyOverrides(const ExtractOptions& o, Document& doc) {
  if (o.kind != "auto") doc.kind = *ParseKind(o.kind);
  if (!o.published.empty()) doc.published = o.published;
  if (!o.url.empty()) doc.url = o.url;
  if (!o.source_name.empty()) doc.source = o.source_name;
}

Result<RawDocument> ReadInput(const std::string& input, const std::string& name) {
  if (input != "-") return ReadFile(input);
  std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  return ReadBytes(std::move(bytes), name.empty() ? "-" : name);
}

// One input -> one line; false when it failed.
bool ExtractOne(const std::string& input, const ExtractOptions& o, const Lexicons& lex,
                const ExtractorInfo& info) {
  const std::string source = o.source_name.empty() ? input : o.source_name;
  Result<RawDocument> raw = ReadInput(input, o.source_name);
  Result<Document> doc = raw.ok() ? Normalise(*raw, lex) : Result<Document>(raw.status());
  if (!doc.ok()) {
    spdlog::warn("{}", doc.status().message());
    std::cout << ContractErrorLine(source, doc.status().message()) << '\n';
    return false;
  }
  ApplyOverrides(o, *doc);
  spdlog::info("{}: {} {}, {} bytes of text", source, FormatName(doc->format),
               KindName(doc->kind), doc->text.size());
  std::cout << ContractLine(Extract(std::move(doc).value(), lex), info) << '\n';
  return true;
}

class ExtractCommand : public Command {
 public:
  ExtractCommand(CLI::App& app, GlobalOptions& global) {
    sub_ = app.add_subcommand(
        "extract",
        "Read files (text, HTML or PDF; '-' for standard input), extract everything, store "
        "nothing, and print one JSON line per input (schema sendscan.extract/1, see "
        "CONTRACT.md). A file that fails gives an {\"error\": ...} line; the exit status is 1 "
        "if any input failed.");
    sub_->add_option("inputs", o_.inputs, "Files to read, or '-' for standard input")
        ->required();
    sub_->add_option("--kind", o_.kind, "Document kind instead of the one detected")
        ->check(CLI::IsMember({"auto", "news", "letter", "other"}))
        ->default_str("auto");
    sub_->add_option("--published", o_.published,
                     "Publication date YYYY-MM-DD instead of the one found in the document")
        ->check([](const std::string& v) {
          return IsIsoDate(v) ? std::string() : "expected a date as YYYY-MM-DD";
        });
    sub_->add_option("--source-name", o_.source_name,
                     "Name to print as \"source\" instead of the path (useful with '-')");
    sub_->add_option("--url", o_.url, "The document's address, printed as \"url\"");
    AddLexiconOption(*sub_, global);
  }

  int Run(const GlobalOptions& global) override {
    std::string dir = global.lexicons.empty() ? DefaultLexiconDir(global.argv0) : global.lexicons;
    auto lexicons = LoadLexicons(dir);
    if (!lexicons.ok()) {
      spdlog::error("{}", lexicons.status().message());
      return 2;
    }
    ExtractorInfo info{std::string("sendscan ") + SENDSCAN_VERSION, LexiconDigest(**lexicons)};
    std::ios::sync_with_stdio(false);
    bool all_ok = true;
    for (const std::string& input : o_.inputs) {
      all_ok = ExtractOne(input, o_, **lexicons, info) && all_ok;
      std::cout.flush();
    }
    return all_ok ? 0 : 1;
  }

 private:
  CLI::App* sub_ = nullptr;
  ExtractOptions o_;
};

}  // namespace

std::unique_ptr<Command> AddExtractCommand(CLI::App& app, GlobalOptions& global) {
  return std::make_unique<ExtractCommand>(app, global);
}

}  // namespace sendscan::cli
