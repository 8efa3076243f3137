// A one-line progress bar on stderr for long runs (Debian packages no library for it):
// files, megabytes, rate and time left, redrawn in place with '\r' at most ~10 times a second,
// and only on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace sendscan::cli {

// How far a run has got.
struct Progress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::uint64_t bytes_done = 0;   // input bytes of the files done
  std::uint64_t bytes_total = 0;  // input bytes of every file, as listed before the run
  double elapsed_seconds = 0;
};

// The bar's text, at most `width` bytes (the bar shrinks first, then goes), e.g.
// "[=====>    ] 120/5000 files  1.2/48.0 MB  8.1 MB/s  ETA 0:05". The rate and time left are
// left out until there is something to measure; time left is estimated from the bytes.
// Pure: no terminal access.
std::string FormatProgress(const Progress& progress, std::size_t width);

// "m:ss", or "h:mm:ss" from an hour on; negative values count as 0.
std::string FormatDuration(double seconds);

// Draws Progress on stderr. Inactive (every call does nothing) unless `enabled`; the caller
// passes StderrIsTerminal() && !quiet. Use from one thread.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  ~ProgressBar();  // clears the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Redraws when ~100 ms have passed since the last draw, or when the run is complete.
  void Update(const Progress& progress);
  // Wipes the bar so a log line can be printed; the next Update draws it again.
  void Clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// Whether stderr is a terminal (a progress bar there is useful, in a log file it is noise).
bool StderrIsTerminal();

// The terminal's width in columns: the window size of stderr, else $COLUMNS, else 80.
std::size_t TerminalWidth();

}  // namespace sendscan::cli
