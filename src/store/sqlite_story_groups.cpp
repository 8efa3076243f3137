// Story groups: each document's MinHash signature and band keys are stored, candidates are
// found by shared band keys, and a document joins the group of its most similar copy.
#include <string>
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
// ?1 is a JSON array of band keys: one statement per document, not one per band.
constexpr std::string_view kSqlInsertBands =
    "INSERT INTO minhash_bands (band_key, document_id) SELECT value, ?2 FROM json_each(?1) "
    "WHERE true ON CONFLICT (band_key, document_id) DO NOTHING";
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
std::string JsonKeys(const MinHashSignature& signature) {
  std::string out = "[";
  for (std::uint64_t key : BandKeys(signature)) {
    if (out.size() > 1) out += ',';
    out += std::to_string(static_cast<std::int64_t>(key));
  }
  return out + "]";
}

Result<std::int64_t> SqliteStore::StoryGroup(std::int64_t id, const MinHashSignature& signature,
                                             const std::string& keys) {
  if (signature.values.empty()) return id;
  std::vector<std::int64_t> candidates;  // in id order: the result does not depend on hashing
  {
    Result<Statement> members = Prepare(kSqlBandCandidates);
    if (!members.ok()) return members.status();
    members->Text(1, keys);
    members->Int(2, MinSharedBands());
    int rc = SQLITE_OK;
    while ((rc = members->Step()) == SQLITE_ROW) {
      const std::int64_t other = members->ColumnInt(0);
      if (other != id) candidates.push_back(other);
    }
    if (rc != SQLITE_DONE) return Error(rc);
  }
  double best = -1;
  std::int64_t group = id;
  for (std::int64_t other : candidates) {
    double similarity = 0;
    {
      Result<Statement> candidate = Prepare(kSqlCandidateSignature);
      if (!candidate.ok()) return candidate.status();
      candidate->Int(1, other);
      const int rc = candidate->Step();
      if (rc == SQLITE_DONE) continue;
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

Status SqliteStore::InsertMinHash(std::int64_t id, const MinHashSignature& signature,
                                  const std::string& keys) {
  if (signature.values.empty()) return Status::Ok();  // under 5 words: never a copy
  const std::vector<unsigned char> bytes = SignatureBytes(signature);
  {
    Result<Statement> insert = Prepare(kSqlInsertMinHash);
    if (!insert.ok()) return insert.status();
    insert->Int(1, id);
    insert->Blob(2, bytes.data(), bytes.size());
    if (Status s = Done(*insert); !s.ok()) return s;
  }
  Result<Statement> bands = Prepare(kSqlInsertBands);
  if (!bands.ok()) return bands.status();
  bands->Text(1, keys);
  bands->Int(2, id);
  return Done(*bands);
}

// The stored signature of a document and its band keys.
Status SqliteStore::DeleteMinHash(std::int64_t id) {
  std::string old_keys;
  {
    Result<Statement> stored = Prepare(kSqlStoredSignature);
    if (!stored.ok()) return stored.status();
    stored->Int(1, id);
    const int rc = stored->Step();
    if (rc == SQLITE_ROW) {
      old_keys = JsonKeys(SignatureFromBytes(stored->ColumnBlob(0), stored->ColumnSize(0)));
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
