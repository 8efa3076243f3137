// Batched transactions for commands that write a Store record by record (load, merge): the
// open transaction is committed, and the next begun, every so many writes or bytes.
#pragma once

#include <cstddef>

#include "sendscan/store.hpp"

namespace sendscan::cli {

class StoreBatches {
 public:
  // Defaults as ingest's: 500 writes or 32 MB of text, whichever comes first.
  explicit StoreBatches(Store& store, std::size_t writes = 500,
                        std::size_t bytes = std::size_t{32} << 20)
      : store_(store), max_writes_(writes), max_bytes_(bytes) {}

  // Counts one write of `bytes`; commits and begins anew when the batch is full.
  Status Written(std::size_t bytes) {
    ++writes_;
    bytes_ += bytes;
    if (writes_ < max_writes_ && bytes_ < max_bytes_) return Status::Ok();
    writes_ = 0;
    bytes_ = 0;
    if (Status s = store_.Commit(); !s.ok()) return s;
    return store_.Begin();
  }

 private:
  Store& store_;
  const std::size_t max_writes_;
  const std::size_t max_bytes_;
  std::size_t writes_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace sendscan::cli
