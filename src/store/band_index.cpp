#include "store/band_index.hpp"

#include <utility>

namespace sendscan::sqlite {
namespace {

constexpr std::size_t kInitialSlots = 1024;

}  // namespace

void BandIndex::Add(std::uint64_t key, std::int64_t document_id) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  Place({key, document_id});
  ++size_;
}

void BandIndex::Clear() {
  std::vector<Slot>().swap(slots_);  // gives the memory back: an index can grow large
  mask_ = 0;
  size_ = 0;
}

void BandIndex::Place(const Slot& slot) {
  std::size_t i = Home(slot.key);
  while (slots_[i].document_id != 0) i = (i + 1) & mask_;
  slots_[i] = slot;
}

void BandIndex::Grow() {
  std::vector<Slot> old = std::exchange(slots_, {});
  slots_.resize(old.empty() ? kInitialSlots : 2 * old.size());
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.document_id != 0) Place(slot);
  }
}

}  // namespace sendscan::sqlite
