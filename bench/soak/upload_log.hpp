// Every block a libtorrent seeder sends, attributed to the leecher run that received it (each
// run of the download is a new connection, so a new peer endpoint).
#pragma once

#include <atomic>
#include <libtorrent/session.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace pico::soak {

/// One block: piece index and block index within the piece.
using block_id = std::pair<int, int>;

/// Watches `ses` (upload alerts turned on here) on its own thread until destroyed.
class upload_log {
  public:
    explicit upload_log(lt::session& ses);
    ~upload_log();
    upload_log(upload_log const&) = delete;
    upload_log& operator=(upload_log const&) = delete;

    /// Connections seen from now on belong to run `run`.
    void begin_run(int run);
    /// The blocks sent in run `run` (each once, however often sent), once every alert so far has
    /// been read.
    std::vector<block_id> blocks_of(int run);
    /// Blocks sent more than once within one run (a sign of a lost connection mid-run).
    int repeats_of(int run);

  private:
    void loop();
    void drain();

    lt::session& m_ses;
    std::mutex m_mutex;
    std::atomic<int> m_run{0};
    std::map<std::string, int> m_run_of_peer;
    std::map<int, std::set<block_id>> m_blocks;
    std::map<int, int> m_repeats;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace pico::soak
