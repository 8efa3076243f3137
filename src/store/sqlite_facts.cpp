// Writing one extraction's rows: the staged document, its findings, quotes and deadlines, the
// areas and speakers they name, and deleting the rows of the version a Put replaces.
#include <string>
#include <vector>

#include "store/sqlite_store_impl.hpp"

namespace sendscan::sqlite {
namespace {

// ASCII-lowercased, trimmed, inner whitespace runs collapsed to one space: the form speaker
// identities are compared in.
std::string IdentityPart(const std::optional<std::string>& value) {
  std::string out;
  if (!value) return out;
  bool space = false;
  for (char c : *value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string_view CategoryName(SpeakerCategory category) {
  switch (category) {
    case SpeakerCategory::kOfficial:
      return "official";
    case SpeakerCategory::kParent:
      return "parent";
    case SpeakerCategory::kInspectorate:
      return "inspectorate";
    case SpeakerCategory::kOther:
      return "other";
  }
  return "other";
}

// "name|organisation" for a named speaker, "category|role|organisation" for an unnamed one.
std::string SpeakerIdentity(const Speaker& speaker) {
  if (speaker.name && !IdentityPart(speaker.name).empty()) {
    return IdentityPart(speaker.name) + "|" + IdentityPart(speaker.organisation);
  }
  return std::string(CategoryName(speaker.category)) + "|" + IdentityPart(speaker.role) + "|" +
         IdentityPart(speaker.organisation);
}

const std::optional<std::string>& Either(const std::optional<std::string>& preferred,
                                         const std::optional<std::string>& fallback) {
  return preferred ? preferred : fallback;
}

constexpr std::string_view kSqlStageDocument = R"sql(
INSERT INTO temp.stage_documents (id, kind, published, title, outlet, url, format,
  inspectorates, has_inspection, inspection_month, inspection_revisit, inspection_outcome,
  inspection_weakness_areas, inspection_weakness_areas_improved, story_group,
  extractor_version, lexicons_digest, manifest_url, manifest_outlet, manifest_published,
  manifest_title, text, sha256, ingested_at, raw, extracted_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
  ?20, ?21, ?22, ?23, ?24, ?25, ?26))sql";
constexpr std::string_view kSqlStageFinding =
    "INSERT INTO temp.stage_findings (id, document_id, polarity, text, start, \"end\", cue) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kSqlStageQuote =
    "INSERT INTO temp.stage_quotes (id, document_id, speaker_id, text, start, \"end\") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

constexpr std::string_view kSqlDeleteAreas = "DELETE FROM document_areas WHERE document_id = ?1";
constexpr std::string_view kSqlDeleteDeadlines = "DELETE FROM deadlines WHERE document_id = ?1";

constexpr std::string_view kSqlAreaByName = "SELECT id FROM local_areas WHERE name = ?1";
constexpr std::string_view kSqlInsertArea = "INSERT INTO local_areas (name, gss) VALUES (?1, ?2)";
constexpr std::string_view kSqlInsertDocumentArea =
    "INSERT INTO document_areas (document_id, area_id, role) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (document_id, area_id) DO NOTHING";
constexpr std::string_view kSqlInsertTheme =
    "INSERT INTO finding_themes (finding_id, theme) VALUES (?1, ?2) "
    "ON CONFLICT (finding_id, theme) DO NOTHING";
constexpr std::string_view kSqlInsertDeadline =
    "INSERT INTO deadlines (document_id, text, duration, due, working_days, action, start, "
    "\"end\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kSqlUpsertSpeaker =
    "INSERT INTO speakers (identity, name, role, organisation, category) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (identity) DO UPDATE SET "
    "name = coalesce(excluded.name, name), role = coalesce(excluded.role, role), "
    "organisation = coalesce(excluded.organisation, organisation), "
    "category = excluded.category RETURNING id";

}  // namespace

// A JSON array of strings.
std::string JsonArray(const std::vector<std::string>& items) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += '"';
    for (char c : items[i]) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (u < 0x20) {
        out += "\\u00";
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
      } else {
        out += c;
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

// The facts kept outside the staging tables; staged and full-text-indexed ones are replaced
// by Unstage and at the flush.
Status SqliteStore::DeleteDirectFacts(std::int64_t id) {
  for (std::string_view sql : {kSqlDeleteAreas, kSqlDeleteDeadlines}) {
    Result<Statement> remove = Prepare(sql);
    if (!remove.ok()) return remove.status();
    remove->Int(1, id);
    if (Status s = Done(*remove); !s.ok()) return s;
  }
  return DeleteMinHash(id);
}

Status SqliteStore::StageDocument(std::int64_t id, std::int64_t story_group,
                                  const Extraction& extraction, const StoredInput& input,
                                  const std::string& raw, const std::string& ingested_at,
                                  const ManifestEntry& manifest) {
  const Document& doc = extraction.document;
  Result<Statement> write = Prepare(kSqlStageDocument);
  if (!write.ok()) return write.status();
  const std::string inspectorates = JsonArray(doc.inspectorates);
  const std::optional<Inspection>& inspection = extraction.inspection;
  write->Int(1, id);
  write->Text(2, KindName(doc.kind));
  write->OptionalText(3, Either(manifest.published, doc.published));
  write->OptionalText(4, Either(manifest.title, doc.title));
  write->OptionalText(5, Either(manifest.outlet, input.outlet));
  write->OptionalText(6, Either(manifest.url, doc.url));
  write->Text(7, FormatName(doc.format));
  write->Text(8, inspectorates);
  write->Int(9, inspection ? 1 : 0);
  if (inspection) {
    write->OptionalText(10, inspection->month);
    write->Int(11, inspection->revisit ? 1 : 0);
    write->OptionalText(12, inspection->outcome);
    write->OptionalInt(13, inspection->weakness_areas);
    write->OptionalInt(14, inspection->weakness_areas_improved);
  } else {
    for (int column = 10; column <= 14; ++column) write->Null(column);
  }
  write->Int(15, story_group);
  write->Text(16, input.extractor_version);
  write->Text(17, input.lexicons_digest);
  write->OptionalText(18, manifest.url);
  write->OptionalText(19, manifest.outlet);
  write->OptionalText(20, manifest.published);
  write->OptionalText(21, manifest.title);
  write->Text(22, doc.text);
  write->Text(23, doc.sha256);
  write->Text(24, ingested_at);
  write->Blob(25, raw.data(), raw.size());
  write->Text(26, input.extracted_at.empty() ? input.ingested_at : input.extracted_at);
  if (Status s = Done(*write); !s.ok()) return s;
  staged_ = true;
  staged_bytes_ += doc.text.size() + raw.size();
  return Status::Ok();
}

Result<std::int64_t> SqliteStore::AreaId(const LocalArea& area) {
  {
    Result<Statement> find = Prepare(kSqlAreaByName);
    if (!find.ok()) return find.status();
    find->Text(1, area.name);
    const int rc = find->Step();
    if (rc == SQLITE_ROW) return find->ColumnInt(0);
    if (rc != SQLITE_DONE) return Error(rc);
  }
  // Not in the gazetteer the caller synced: kept with its name (and code) only.
  Result<Statement> insert = Prepare(kSqlInsertArea);
  if (!insert.ok()) return insert.status();
  insert->Text(1, area.name);
  insert->OptionalText(2, area.gss);
  if (Status s = Done(*insert); !s.ok()) return s;
  return sqlite3_last_insert_rowid(db_);
}

Result<std::int64_t> SqliteStore::SpeakerId(const Speaker& speaker) {
  Result<Statement> upsert = Prepare(kSqlUpsertSpeaker);
  if (!upsert.ok()) return upsert.status();
  const std::string identity = SpeakerIdentity(speaker);
  upsert->Text(1, identity);
  upsert->OptionalText(2, speaker.name);
  upsert->OptionalText(3, speaker.role);
  upsert->OptionalText(4, speaker.organisation);
  upsert->Text(5, CategoryName(speaker.category));
  const int rc = upsert->Step();
  if (rc != SQLITE_ROW) return Error(rc);
  const std::int64_t id = upsert->ColumnInt(0);
  if (Status s = Done(*upsert); !s.ok()) return s;
  return id;
}

Status SqliteStore::InsertFacts(std::int64_t id, const Extraction& extraction) {
  const Document& doc = extraction.document;
  auto span_error = [&](const char* what, const Span& span) {
    return Status::InvalidArgument(path_ + ": " + doc.source + ": " + what + " span [" +
                                   std::to_string(span.start) + ", " + std::to_string(span.end) +
                                   ") is outside the text");
  };
  auto valid = [&](const Span& span) {
    return span.start <= span.end && span.end <= doc.text.size();
  };

  for (const LocalArea& area : extraction.local_areas) {
    Result<std::int64_t> area_id = AreaId(area);
    if (!area_id.ok()) return area_id.status();
    Result<Statement> link = Prepare(kSqlInsertDocumentArea);
    if (!link.ok()) return link.status();
    link->Int(1, id);
    link->Int(2, *area_id);
    link->Text(3, area.role == AreaRole::kSubject ? "subject" : "mentioned");
    if (Status s = Done(*link); !s.ok()) return s;
  }

  for (const Finding& finding : extraction.findings) {
    if (!valid(finding.span)) return span_error("finding", finding.span);
    Result<std::int64_t> finding_id = NextId(next_finding_id_);
    if (!finding_id.ok()) return finding_id.status();
    {
      Result<Statement> insert = Prepare(kSqlStageFinding);
      if (!insert.ok()) return insert.status();
      insert->Int(1, *finding_id);
      insert->Int(2, id);
      insert->Text(3, finding.polarity == Polarity::kWeakness ? "weakness" : "strength");
      insert->Text(4, doc.Slice(finding.span));
      insert->Int(5, static_cast<std::int64_t>(finding.span.start));
      insert->Int(6, static_cast<std::int64_t>(finding.span.end));
      insert->Text(7, finding.cue);
      if (Status s = Done(*insert); !s.ok()) return s;
      staged_bytes_ += finding.span.size();
    }
    for (const std::string& theme : finding.themes) {
      Result<Statement> insert = Prepare(kSqlInsertTheme);
      if (!insert.ok()) return insert.status();
      insert->Int(1, *finding_id);
      insert->Text(2, theme);
      if (Status s = Done(*insert); !s.ok()) return s;
    }
  }

  for (const Deadline& deadline : extraction.deadlines) {
    if (!valid(deadline.span)) return span_error("deadline", deadline.span);
    Result<Statement> insert = Prepare(kSqlInsertDeadline);
    if (!insert.ok()) return insert.status();
    insert->Int(1, id);
    insert->Text(2, doc.Slice(deadline.span));
    insert->OptionalText(3, deadline.duration);
    insert->OptionalText(4, deadline.due);
    insert->Int(5, deadline.working_days ? 1 : 0);
    insert->OptionalText(6, deadline.action);
    insert->Int(7, static_cast<std::int64_t>(deadline.span.start));
    insert->Int(8, static_cast<std::int64_t>(deadline.span.end));
    if (Status s = Done(*insert); !s.ok()) return s;
  }

  for (const Quote& quote : extraction.quotes) {
    if (!valid(quote.span)) return span_error("quote", quote.span);
    Result<std::int64_t> speaker_id = SpeakerId(quote.speaker);
    if (!speaker_id.ok()) return speaker_id.status();
    Result<std::int64_t> quote_id = NextId(next_quote_id_);
    if (!quote_id.ok()) return quote_id.status();
    Result<Statement> insert = Prepare(kSqlStageQuote);
    if (!insert.ok()) return insert.status();
    insert->Int(1, *quote_id);
    insert->Int(2, id);
    insert->Int(3, *speaker_id);
    insert->Text(4, quote.text);
    insert->Int(5, static_cast<std::int64_t>(quote.span.start));
    insert->Int(6, static_cast<std::int64_t>(quote.span.end));
    if (Status s = Done(*insert); !s.ok()) return s;
    staged_bytes_ += quote.text.size();
  }
  return Status::Ok();
}

}  // namespace sendscan::sqlite
