// A real libtorrent session on loopback that seeds one torrent: the other end of download tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <libtorrent/session.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <memory>
#include <string>

namespace pico::test_support {

/// How a seeder behaves.
struct seeder_options {
    /// Upload limit in bytes per second for all peers, loopback ones included; 0 = unlimited.
    int upload_rate_limit = 0;
    /// Skip the initial hash check (trust the data); faster for large payloads.
    bool seed_mode = false;
    /// How long the constructor may wait for the listen socket and the check to finish.
    std::chrono::seconds start_timeout{120};
};

/// Seeds `torrent_file` from `save_path` (the directory that holds the torrent's file or root folder)
/// on 127.0.0.1 with loopback_settings(). The constructor returns once the torrent is seeding and the
/// session is listening; it throws std::runtime_error when the data does not match or time runs out.
class seeder {
  public:
    seeder(std::filesystem::path const& torrent_file, std::filesystem::path const& save_path,
           seeder_options options = {});
    ~seeder();
    seeder(seeder const&) = delete;
    seeder& operator=(seeder const&) = delete;

    /// The listen port on 127.0.0.1.
    std::uint16_t port() const { return m_port; }
    /// "127.0.0.1:<port>", as download --peer and add-peer calls take it.
    std::string endpoint() const;
    /// Payload bytes uploaded since the seeder started.
    std::int64_t uploaded() const;
    /// The seeded torrent.
    lt::torrent_handle const& handle() const { return m_handle; }
    /// The session, for tests that need more (its alerts are not consumed by the seeder).
    lt::session& session() { return *m_session; }

  private:
    std::unique_ptr<lt::session> m_session;
    lt::torrent_handle m_handle;
    std::uint16_t m_port = 0;
};

} // namespace pico::test_support
