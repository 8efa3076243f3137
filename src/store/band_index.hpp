// The LSH band keys of the documents a connection wrote, in memory: during a bulk ingest the
// story-group lookup asks this instead of the minhash_bands table, whose 32 index probes per
// document took a sixth of the writer thread's time (measured). A multimap from band key to
// document id, flat and open-addressed: the keys are already uniform 64-bit hashes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sendscan::sqlite {

class BandIndex {
 public:
  // Adds one (band key, document id) pair; ids are positive. A pair added twice is kept twice.
  void Add(std::uint64_t key, std::int64_t document_id);

  // Calls visit(document_id) once for every pair added with this key.
  template <typename Visit>
  void ForEach(std::uint64_t key, Visit visit) const {
    if (slots_.empty()) return;
    for (std::size_t i = Home(key);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.document_id == 0) return;
      if (slot.key == key) visit(slot.document_id);
    }
  }

  std::size_t size() const { return size_; }
  void Clear();

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::int64_t document_id = 0;  // 0: empty
  };

  std::size_t Home(std::uint64_t key) const { return static_cast<std::size_t>(key) & mask_; }
  void Place(const Slot& slot);
  void Grow();

  std::vector<Slot> slots_;  // a power of two long, at most half full
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace sendscan::sqlite
