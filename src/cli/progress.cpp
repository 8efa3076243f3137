// The progress bar: a pure formatter and a throttled drawer on stderr.
#include "cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace sendscan::cli {
namespace {

constexpr double kMegabyte = 1e6;
constexpr std::size_t kMinBar = 10;  // narrower than this, a bar says nothing
constexpr std::size_t kMaxBar = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

// Bytes per second once there is enough run to measure; 0 before.
double Rate(const Progress& p) {
  if (p.elapsed_seconds < 0.2 || p.bytes_done == 0) return 0;
  return static_cast<double>(p.bytes_done) / p.elapsed_seconds;
}

double Fraction(const Progress& p) {
  double f = 0;
  if (p.bytes_total > 0)
    f = static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total);
  else if (p.files_total > 0)
    f = static_cast<double>(p.files_done) / static_cast<double>(p.files_total);
  return std::clamp(f, 0.0, 1.0);
}

std::string Bar(double fraction, std::size_t width) {
  std::size_t inner = width - 2;
  auto filled = static_cast<std::size_t>(std::floor(fraction * static_cast<double>(inner)));
  std::string bar(width, ' ');
  bar.front() = '[';
  bar.back() = ']';
  std::fill_n(bar.begin() + 1, filled, '=');
  if (filled < inner) bar[1 + filled] = '>';
  return bar;
}

}  // namespace

std::string FormatDuration(double seconds) {
  auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string FormatProgress(const Progress& p, std::size_t width) {
  std::string text = fmt::format("{}/{} files  {:.1f}/{:.1f} MB", p.files_done, p.files_total,
                                 static_cast<double>(p.bytes_done) / kMegabyte,
                                 static_cast<double>(p.bytes_total) / kMegabyte);
  if (double rate = Rate(p); rate > 0) {
    text += fmt::format("  {:.1f} MB/s", rate / kMegabyte);
    if (p.bytes_total >= p.bytes_done) {
      text += "  ETA " + FormatDuration(static_cast<double>(p.bytes_total - p.bytes_done) / rate);
    }
  }
  if (text.size() + 1 + kMinBar <= width) {
    std::size_t bar = std::min(kMaxBar, width - text.size() - 1);
    return Bar(Fraction(p), bar) + " " + text;
  }
  if (text.size() > width) text.resize(width);
  return text;
}

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled) {}

ProgressBar::~ProgressBar() { Clear(); }

void ProgressBar::Update(const Progress& progress) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  bool complete = progress.files_done >= progress.files_total;
  if (drawn_ && now - last_draw_ < kRedrawInterval && !complete) return;
  last_draw_ = now;
  // One column short of the width: a full line makes some terminals wrap.
  std::string line = FormatProgress(progress, std::max<std::size_t>(TerminalWidth(), 2) - 1);
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

std::size_t TerminalWidth() {
  struct winsize ws {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    long n = std::strtol(columns, nullptr, 10);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  return 80;
}

}  // namespace sendscan::cli
