// Reading a whole store back (the free functions at the end of store.hpp), for `sendscan
// merge`. Written over QueryStore, the raw-SQL helper of sqlite_store.hpp, since the SQLite
// Store class is private to the files that implement it: every value is bound, documents are
// read a page at a time, and each page's facts come in one query per table, not one per
// document.
#include <charconv>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "sendscan/store.hpp"
#include "store/sqlite_store.hpp"

namespace sendscan {
namespace {

// Documents read per page: their facts come in one query per table.
constexpr int kPageDocuments = 64;

std::string Text(const SqlRow& row, std::size_t column) {
  return column < row.size() && row[column] ? *row[column] : std::string();
}

const std::optional<std::string>& Optional(const SqlRow& row, std::size_t column) {
  static const std::optional<std::string> kNull;
  return column < row.size() ? row[column] : kNull;
}

Result<std::int64_t> Integer(const SqlRow& row, std::size_t column) {
  const std::string text = Text(row, column);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return Status::Corruption("expected an integer in column " + std::to_string(column) +
                              ", found \"" + text.substr(0, 40) + "\"");
  }
  return value;
}

Result<std::optional<int>> OptionalInt(const SqlRow& row, std::size_t column) {
  if (!Optional(row, column)) return std::optional<int>();
  Result<std::int64_t> value = Integer(row, column);
  if (!value.ok()) return value.status();
  return std::optional<int>(static_cast<int>(*value));
}

Result<std::size_t> Offset(const SqlRow& row, std::size_t column) {
  Result<std::int64_t> value = Integer(row, column);
  if (!value.ok()) return value.status();
  if (*value < 0) return Status::Corruption("negative offset");
  return static_cast<std::size_t>(*value);
}

Format ParseFormat(const std::string& name) {
  if (name == "html") return Format::kHtml;
  if (name == "pdf") return Format::kPdf;
  return Format::kText;
}

SpeakerCategory ParseCategory(const std::optional<std::string>& name) {
  if (name == "official") return SpeakerCategory::kOfficial;
  if (name == "parent") return SpeakerCategory::kParent;
  if (name == "inspectorate") return SpeakerCategory::kInspectorate;
  return SpeakerCategory::kOther;
}

constexpr std::string_view kSqlDocumentPage = R"sql(
SELECT id, sha256, kind, published, title, outlet, url, format, has_inspection,
  inspection_month, inspection_revisit, inspection_outcome, inspection_weakness_areas,
  inspection_weakness_areas_improved, extractor_version, lexicons_digest, ingested_at,
  manifest_url, manifest_outlet, manifest_published, manifest_title, text, raw,
  coalesce(nullif(extracted_at, ''), ingested_at)
FROM documents WHERE id > CAST(?1 AS INTEGER) ORDER BY id LIMIT CAST(?2 AS INTEGER))sql";

// The facts of the documents with ids in [?1, ?2], each ordered by document id first.
constexpr std::string_view kSqlPageInspectorates = R"sql(
SELECT d.id, j.value FROM documents d, json_each(d.inspectorates) j
WHERE d.id BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER) ORDER BY d.id, j.key)sql";
constexpr std::string_view kSqlPagePaths = R"sql(
SELECT document_id, path FROM document_paths
WHERE document_id BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER)
ORDER BY document_id, id)sql";
constexpr std::string_view kSqlPageAreas = R"sql(
SELECT da.document_id, a.name, a.gss, da.role
FROM document_areas da JOIN local_areas a ON a.id = da.area_id
WHERE da.document_id BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER)
ORDER BY da.document_id, da.role <> 'subject', da.area_id)sql";
constexpr std::string_view kSqlPageFindings = R"sql(
SELECT document_id, id, polarity, start, "end", cue FROM findings
WHERE document_id BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER)
ORDER BY document_id, id)sql";
constexpr std::string_view kSqlPageThemes = R"sql(
SELECT f.id, t.theme FROM findings f JOIN finding_themes t ON t.finding_id = f.id
WHERE f.document_id BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER)
ORDER BY f.id, t.theme)sql";
constexpr std::string_view kSqlPageDeadlines = R"sql(
SELECT document_id, duration, due, working_days, action, start, "end" FROM deadlines
WHERE document_id BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER)
ORDER BY document_id, id)sql";
constexpr std::string_view kSqlPageQuotes = R"sql(
SELECT q.document_id, q.text, q.start, q."end", s.name, s.role, s.organisation, s.category
FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id
WHERE q.document_id BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER)
ORDER BY q.document_id, q.id)sql";

constexpr std::string_view kSqlDocumentStates = R"sql(
SELECT d.id, d.sha256, d.extractor_version, d.lexicons_digest, d.ingested_at,
  length(d.raw) > 0, p.path, coalesce(nullif(d.extracted_at, ''), d.ingested_at)
FROM documents d LEFT JOIN document_paths p ON p.document_id = d.id
ORDER BY d.id, p.id)sql";
constexpr std::string_view kSqlFailures =
    "SELECT source, reason, failed_at FROM failures ORDER BY id";
constexpr std::string_view kSqlAreas =
    "SELECT id, name, gss, region, type, end_date FROM local_areas ORDER BY id";
constexpr std::string_view kSqlAreaSuccessors =
    "SELECT a.id, j.value FROM local_areas a, json_each(a.successors) j ORDER BY a.id, j.key";

// One page of documents, by id, while their facts are filled in.
using Page = std::unordered_map<std::int64_t, StoredDocument*>;

Result<StoredDocument> DocumentFromRow(const SqlRow& row) {
  StoredDocument out;
  Document& doc = out.extraction.document;
  doc.sha256 = Text(row, 1);
  doc.kind = ParseKind(Text(row, 2)).value_or(Kind::kOther);
  doc.published = Optional(row, 3);
  doc.title = Optional(row, 4);
  out.input.outlet = Optional(row, 5);
  doc.url = Optional(row, 6);
  doc.format = ParseFormat(Text(row, 7));
  if (Text(row, 8) == "1") {
    Inspection in;
    in.month = Optional(row, 9);
    in.revisit = Text(row, 10) == "1";
    in.outcome = Optional(row, 11);
    Result<std::optional<int>> areas = OptionalInt(row, 12);
    if (!areas.ok()) return areas.status();
    in.weakness_areas = *areas;
    Result<std::optional<int>> improved = OptionalInt(row, 13);
    if (!improved.ok()) return improved.status();
    in.weakness_areas_improved = *improved;
    out.extraction.inspection = std::move(in);
  }
  out.input.extractor_version = Text(row, 14);
  out.input.lexicons_digest = Text(row, 15);
  out.input.ingested_at = Text(row, 16);
  out.manifest.url = Optional(row, 17);
  out.manifest.outlet = Optional(row, 18);
  out.manifest.published = Optional(row, 19);
  out.manifest.title = Optional(row, 20);
  doc.text = Text(row, 21);
  out.input.raw = Text(row, 22);
  out.input.extracted_at = Text(row, 23);
  return out;
}

// Runs `sql` over the page [first, last] and hands each row to `fill` with its document.
template <typename Fill>
Status FillPage(Store& store, std::string_view sql, const std::string& first,
                const std::string& last, const Page& page, Fill fill) {
  Result<std::vector<SqlRow>> rows = QueryStore(store, sql, {first, last});
  if (!rows.ok()) return rows.status();
  for (const SqlRow& row : *rows) {
    Result<std::int64_t> id = Integer(row, 0);
    if (!id.ok()) return id.status();
    auto it = page.find(*id);
    if (it == page.end()) continue;
    if (Status s = fill(*it->second, row); !s.ok()) {
      return s.WithContext("document " + it->second->extraction.document.sha256);
    }
  }
  return Status::Ok();
}

Status FillFacts(Store& store, const std::string& first, const std::string& last,
                 const Page& page) {
  Status s = FillPage(store, kSqlPageInspectorates, first, last, page,
                      [](StoredDocument& d, const SqlRow& row) {
                        d.extraction.document.inspectorates.push_back(Text(row, 1));
                        return Status::Ok();
                      });
  if (!s.ok()) return s;
  s = FillPage(store, kSqlPagePaths, first, last, page, [](StoredDocument& d, const SqlRow& row) {
    d.paths.push_back(Text(row, 1));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  s = FillPage(store, kSqlPageAreas, first, last, page, [](StoredDocument& d, const SqlRow& row) {
    d.extraction.local_areas.push_back(
        {Text(row, 1), Optional(row, 2),
         Text(row, 3) == "subject" ? AreaRole::kSubject : AreaRole::kMentioned});
    return Status::Ok();
  });
  if (!s.ok()) return s;

  // Findings, then their themes by finding id.
  std::unordered_map<std::int64_t, std::pair<StoredDocument*, std::size_t>> findings;
  s = FillPage(store, kSqlPageFindings, first, last, page,
               [&findings](StoredDocument& d, const SqlRow& row) {
                 Result<std::int64_t> id = Integer(row, 1);
                 Result<std::size_t> start = Offset(row, 3);
                 Result<std::size_t> end = Offset(row, 4);
                 if (!id.ok()) return id.status();
                 if (!start.ok()) return start.status();
                 if (!end.ok()) return end.status();
                 Finding f;
                 f.polarity =
                     Text(row, 2) == "strength" ? Polarity::kStrength : Polarity::kWeakness;
                 f.span = {*start, *end};
                 f.cue = Text(row, 5);
                 findings[*id] = {&d, d.extraction.findings.size()};
                 d.extraction.findings.push_back(std::move(f));
                 return Status::Ok();
               });
  if (!s.ok()) return s;
  {
    Result<std::vector<SqlRow>> rows = QueryStore(store, kSqlPageThemes, {first, last});
    if (!rows.ok()) return rows.status();
    for (const SqlRow& row : *rows) {
      Result<std::int64_t> id = Integer(row, 0);
      if (!id.ok()) return id.status();
      auto it = findings.find(*id);
      if (it == findings.end()) continue;
      it->second.first->extraction.findings[it->second.second].themes.push_back(Text(row, 1));
    }
  }

  s = FillPage(store, kSqlPageDeadlines, first, last, page,
               [](StoredDocument& d, const SqlRow& row) {
                 Result<std::size_t> start = Offset(row, 5);
                 Result<std::size_t> end = Offset(row, 6);
                 if (!start.ok()) return start.status();
                 if (!end.ok()) return end.status();
                 Deadline deadline;
                 deadline.duration = Optional(row, 1);
                 deadline.due = Optional(row, 2);
                 deadline.working_days = Text(row, 3) == "1";
                 deadline.action = Optional(row, 4);
                 deadline.span = {*start, *end};
                 d.extraction.deadlines.push_back(std::move(deadline));
                 return Status::Ok();
               });
  if (!s.ok()) return s;
  return FillPage(store, kSqlPageQuotes, first, last, page,
                  [](StoredDocument& d, const SqlRow& row) {
                    Result<std::size_t> start = Offset(row, 2);
                    Result<std::size_t> end = Offset(row, 3);
                    if (!start.ok()) return start.status();
                    if (!end.ok()) return end.status();
                    Quote q;
                    q.text = Text(row, 1);
                    q.span = {*start, *end};
                    q.speaker = {Optional(row, 4), Optional(row, 5), Optional(row, 6),
                                 ParseCategory(Optional(row, 7))};
                    d.extraction.quotes.push_back(std::move(q));
                    return Status::Ok();
                  });
}

}  // namespace

Status ForEachStoredDocument(Store& store,
                             const std::function<Status(StoredDocument&& document)>& visit) {
  std::string after = "0";
  for (;;) {
    Result<std::vector<SqlRow>> rows =
        QueryStore(store, kSqlDocumentPage, {after, std::to_string(kPageDocuments)});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::Ok();
    std::vector<StoredDocument> documents;
    documents.reserve(rows->size());
    Page page;
    for (const SqlRow& row : *rows) {
      Result<std::int64_t> id = Integer(row, 0);
      if (!id.ok()) return id.status();
      Result<StoredDocument> document = DocumentFromRow(row);
      if (!document.ok()) return document.status().WithContext("document " + Text(row, 1));
      documents.push_back(std::move(document).value());
      page[*id] = &documents.back();
    }
    const std::string first = Text(rows->front(), 0);
    after = Text(rows->back(), 0);
    rows->clear();
    if (Status s = FillFacts(store, first, after, page); !s.ok()) return s;
    for (StoredDocument& document : documents) {
      if (!document.paths.empty()) {
        document.extraction.document.source = document.paths.front();
        document.input.source_path = document.paths.front();
      }
      if (Status s = visit(std::move(document)); !s.ok()) return s;
    }
  }
}

Result<std::vector<StoredDocumentState>> StoredDocumentStates(Store& store) {
  Result<std::vector<SqlRow>> rows = QueryStore(store, kSqlDocumentStates);
  if (!rows.ok()) return rows.status();
  std::vector<StoredDocumentState> out;
  std::string last_id;
  for (const SqlRow& row : *rows) {
    if (out.empty() || Text(row, 0) != last_id) {
      last_id = Text(row, 0);
      out.push_back({Text(row, 1),
                     Text(row, 2),
                     Text(row, 3),
                     Text(row, 4),
                     Text(row, 7),
                     Text(row, 5) == "1",
                     {}});
    }
    if (Optional(row, 6)) out.back().paths.push_back(Text(row, 6));
  }
  return out;
}

Result<std::vector<StoredFailure>> StoredFailures(Store& store) {
  Result<std::vector<SqlRow>> rows = QueryStore(store, kSqlFailures);
  if (!rows.ok()) return rows.status();
  std::vector<StoredFailure> out;
  out.reserve(rows->size());
  for (const SqlRow& row : *rows) out.push_back({Text(row, 0), Text(row, 1), Text(row, 2)});
  return out;
}

Result<std::vector<AreaRecord>> StoredAreas(Store& store) {
  Result<std::vector<SqlRow>> rows = QueryStore(store, kSqlAreas);
  if (!rows.ok()) return rows.status();
  std::vector<AreaRecord> out;
  std::unordered_map<std::string, std::size_t> by_id;
  for (const SqlRow& row : *rows) {
    by_id[Text(row, 0)] = out.size();
    out.push_back(
        {Text(row, 1), Optional(row, 2), Text(row, 3), Text(row, 4), Optional(row, 5), {}});
  }
  Result<std::vector<SqlRow>> successors = QueryStore(store, kSqlAreaSuccessors);
  if (!successors.ok()) return successors.status();
  for (const SqlRow& row : *successors) {
    auto it = by_id.find(Text(row, 0));
    if (it != by_id.end()) out[it->second].successors.push_back(Text(row, 1));
  }
  return out;
}

}  // namespace sendscan
