// Story groups: each document's MinHash signature and band keys are stored, candidates are
// found by shared band keys, and a document joins the group of its most similar copy.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_store_impl.hpp"

namespace sendscan::sqlite {
namespace {

// Copies of one story: documents whose estimated Jaccard similarity over 5-word shingles
// reaches this share one story group.
constexpr double kStoryGroupJaccard = 0.8;

constexpr std::string_view kSqlStoredSignature =
    "SELECT signature FROM minhash WHERE document_id = ?1";
constexpr std::string_view kSqlDeleteMinHash = "DELETE FROM minhash WHERE document_id = ?1";
constexpr std::string_view kSqlDeleteBands =
    "DELETE FROM minhash_bands WHERE document_id = ?2 "
    "AND band_key IN (SELECT value FROM json_each(?1))";

constexpr std::string_view kSqlInsertMinHash =
    "INSERT INTO minhash (document_id, signature) VALUES (?1, ?2)";
constexpr std::string_view kSqlInsertBand =
    "INSERT INTO minhash_bands (band_key, document_id) VALUES (?1, ?2) "
    "ON CONFLICT (band_key, document_id) DO NOTHING";
constexpr std::string_view kSqlAnyBand = "SELECT EXISTS (SELECT 1 FROM minhash_bands)";
// Documents sharing at least ?2 of the band keys in ?1.
constexpr std::string_view kSqlBandCandidates =
    "SELECT b.document_id FROM json_each(?1) AS j "
    "JOIN minhash_bands AS b ON b.band_key = j.value "
    "GROUP BY b.document_id HAVING count(*) >= ?2 ORDER BY b.document_id";
constexpr std::string_view kSqlCandidateSignature =
    "SELECT signature FROM minhash WHERE document_id = ?1";
constexpr std::string_view kSqlCandidateGroup = R"sql(
SELECT s.story_group FROM temp.stage_documents s WHERE s.id = ?1
UNION ALL
SELECT d.story_group FROM main.documents d WHERE d.id = ?1
LIMIT 1)sql";

// How many band keys a document must share with another for their estimated similarity to
// reach kStoryGroupJaccard. Bands are runs of consecutive signature values, so a pair whose
// values differ in at most k places keeps at least kMinHashBands - k bands whole (and shares
// their keys): checking only the documents that share this many loses no copy, and skips the
// many that share a band or two by chance (a paragraph in common).
constexpr int MinSharedBands() {
  const double needed_equal = kStoryGroupJaccard * kMinHashValues;
  int equal = static_cast<int>(needed_equal);
  if (equal < needed_equal) ++equal;  // ceil, in a constant expression
  const int unequal = kMinHashValues - equal;
  return unequal >= kMinHashBands ? 1 : kMinHashBands - unequal;
}

}  // namespace

// "[k1,k2,...]": band keys as a JSON array of signed 64-bit integers.
std::string JsonKeys(const std::vector<std::uint64_t>& keys) {
  std::string out = "[";
  for (std::uint64_t key : keys) {
    if (out.size() > 1) out += ',';
    out += std::to_string(static_cast<std::int64_t>(key));
  }
  return out + "]";
}

Status SqliteStore::CheckBandsInMemory(bool first, bool others_wrote) {
  if (first) {
    Result<std::int64_t> any = SingleInt(kSqlAnyBand);
    if (!any.ok()) return any.status();
    bands_in_memory_ = *any == 0 && max_bands_in_memory_ > 0;
  } else if (others_wrote || recent_bands_.size() > max_bands_in_memory_) {
    bands_in_memory_ = false;  // another connection wrote bands we have not seen; or too many
  }
  if (!bands_in_memory_) recent_bands_.Clear();
  return Status::Ok();
}

void SqliteStore::RememberBands(std::int64_t id, const std::vector<std::uint64_t>& keys) {
  for (std::uint64_t key : keys) {
    pending_bands_.emplace_back(key, id);
    recent_bands_.Add(key, id);
  }
}

Status SqliteStore::WritePendingBands() {
  // In key order, so the inserts walk the index's pages once instead of at random.
  std::sort(pending_bands_.begin(), pending_bands_.end());
  for (const auto& [key, id] : pending_bands_) {
    Result<Statement> insert = Prepare(kSqlInsertBand);
    if (!insert.ok()) return insert.status();
    insert->Int(1, static_cast<std::int64_t>(key));
    insert->Int(2, id);
    if (Status s = Done(*insert); !s.ok()) return s;
  }
  pending_bands_.clear();
  if (!bands_in_memory_) recent_bands_.Clear();  // the table holds them now
  return Status::Ok();
}

void SqliteStore::AddCandidatesFromMemory(const std::vector<std::uint64_t>& keys,
                                          std::vector<std::int64_t>& candidates) const {
  std::vector<std::int64_t> sharing;  // one id per band key shared
  for (std::uint64_t key : keys) {
    recent_bands_.ForEach(key, [&](std::int64_t id) { sharing.push_back(id); });
  }
  std::sort(sharing.begin(), sharing.end());
  for (auto run = sharing.begin(); run != sharing.end();) {
    const auto end = std::upper_bound(run, sharing.end(), *run);
    if (end - run >= MinSharedBands()) candidates.push_back(*run);
    run = end;
  }
}

Status SqliteStore::AddCandidatesFromTable(const std::vector<std::uint64_t>& keys,
                                           std::vector<std::int64_t>& candidates) {
  Result<Statement> members = Prepare(kSqlBandCandidates);
  if (!members.ok()) return members.status();
  const std::string json = JsonKeys(keys);
  members->Text(1, json);
  members->Int(2, MinSharedBands());
  int rc = SQLITE_OK;
  while ((rc = members->Step()) == SQLITE_ROW) candidates.push_back(members->ColumnInt(0));
  return rc == SQLITE_DONE ? Status::Ok() : Error(rc);
}

Result<std::int64_t> SqliteStore::StoryGroup(std::int64_t id, const MinHashSignature& signature,
                                             const std::vector<std::uint64_t>& keys) {
  if (signature.values.empty()) return id;
  // The open transaction's keys are only in memory, the committed ones in the table and, while
  // bands_in_memory_, in memory too: a document's keys are in one place or both, never split.
  std::vector<std::int64_t> candidates;
  AddCandidatesFromMemory(keys, candidates);
  if (!bands_in_memory_) {
    if (Status s = AddCandidatesFromTable(keys, candidates); !s.ok()) return s;
  }
  // In id order, each once: the result does not depend on hashing.
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  double best = -1;
  std::int64_t group = id;
  for (std::int64_t other : candidates) {
    if (other == id) continue;
    double similarity = 0;
    {
      Result<Statement> candidate = Prepare(kSqlCandidateSignature);
      if (!candidate.ok()) return candidate.status();
      candidate->Int(1, other);
      const int rc = candidate->Step();
      if (rc == SQLITE_DONE) continue;  // keys left by a document deleted or rolled back
      if (rc != SQLITE_ROW) return Error(rc);
      similarity = EstimatedJaccard(
          signature, SignatureFromBytes(candidate->ColumnBlob(0), candidate->ColumnSize(0)));
    }
    if (similarity < kStoryGroupJaccard || similarity < best) continue;
    Result<Statement> find = Prepare(kSqlCandidateGroup);
    if (!find.ok()) return find.status();
    find->Int(1, other);
    const int rc = find->Step();
    if (rc == SQLITE_DONE || (rc == SQLITE_ROW && find->ColumnIsNull(0))) {
      continue;  // bands of a document deleted outside sendscan
    }
    if (rc != SQLITE_ROW) return Error(rc);
    const std::int64_t other_group = find->ColumnInt(0);
    if (similarity > best || other_group < group) {
      best = similarity;
      group = other_group;
    }
  }
  return group;
}

Status SqliteStore::InsertMinHash(std::int64_t id, const MinHashSignature& signature) {
  if (signature.values.empty()) return Status::Ok();  // under 5 words: never a copy
  const std::vector<unsigned char> bytes = SignatureBytes(signature);
  Result<Statement> insert = Prepare(kSqlInsertMinHash);
  if (!insert.ok()) return insert.status();
  insert->Int(1, id);
  insert->Blob(2, bytes.data(), bytes.size());
  return Done(*insert);
}

// The stored signature of a document and its band keys, committed or waiting for COMMIT.
// Keys left in recent_bands_ only make a candidate that the signature check then turns down.
Status SqliteStore::DeleteMinHash(std::int64_t id) {
  std::erase_if(pending_bands_, [id](const auto& band) { return band.second == id; });
  std::string old_keys;
  {
    Result<Statement> stored = Prepare(kSqlStoredSignature);
    if (!stored.ok()) return stored.status();
    stored->Int(1, id);
    const int rc = stored->Step();
    if (rc == SQLITE_ROW) {
      old_keys =
          JsonKeys(BandKeys(SignatureFromBytes(stored->ColumnBlob(0), stored->ColumnSize(0))));
    } else if (rc != SQLITE_DONE) {
      return Error(rc);
    }
  }
  if (old_keys.empty()) return Status::Ok();  // no signature stored: no bands either
  Result<Statement> bands = Prepare(kSqlDeleteBands);
  if (!bands.ok()) return bands.status();
  bands->Text(1, old_keys);
  bands->Int(2, id);
  if (Status s = Done(*bands); !s.ok()) return s;
  Result<Statement> signature = Prepare(kSqlDeleteMinHash);
  if (!signature.ok()) return signature.status();
  signature->Int(1, id);
  return Done(*signature);
}

}  // namespace sendscan::sqlite
