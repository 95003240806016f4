// Plain data for the detail queries added in SDK 1.1: peers, trackers, session-wide
// statistics, rate limits and queue moves. Owned copies: safe to keep after a call returns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pico::sdk {

/// One connected peer of a torrent.
struct peer_entry {
    /// Remote endpoint, "ip:port" ("[ip]:port" for IPv6).
    std::string address;
    /// Client name decoded from the peer id (libtorrent's peer_info::client), may be empty.
    std::string client;
    /// Payload download rate from this peer, bytes per second.
    std::int64_t download_rate = 0;
    /// Payload upload rate to this peer, bytes per second.
    std::int64_t upload_rate = 0;
    /// How much of the torrent the peer has, 0.0..1.0.
    double progress = 0.0;
    /// qBittorrent-style flags, e.g. "D I P" (D/d download, U/u upload, K, ?, O, S, I incoming,
    /// H/X/L sources DHT/PEX/LSD, E/e encryption, P uTP), separated by spaces.
    std::string flags;
};

/// One tracker of a torrent.
struct tracker_entry {
    /// Announce URL.
    std::string url;
    /// Tier, 0 first.
    std::int32_t tier = 0;
    /// "working", "updating", "not working" or "not contacted".
    std::string status;
    /// The tracker's last message or error text, empty when none.
    std::string message;
};

/// Session-wide figures for a status bar.
struct session_statistics {
    /// Payload download rate over all torrents, bytes per second.
    std::int64_t download_rate = 0;
    /// Payload upload rate over all torrents, bytes per second.
    std::int64_t upload_rate = 0;
    /// Payload bytes received since the session started (updated about once a second).
    std::int64_t total_downloaded = 0;
    /// Payload bytes sent since the session started (updated about once a second).
    std::int64_t total_uploaded = 0;
    /// Endpoints the session listens on, "ip:port"; empty when it does not listen.
    std::vector<std::string> listen_endpoints;
    /// Bytes free for an unprivileged user where the default save path is, -1 when unknown.
    std::int64_t free_space = -1;
    /// Torrents in the session.
    std::int32_t torrents_total = 0;
    /// Torrents downloading (not paused, not complete).
    std::int32_t torrents_downloading = 0;
    /// Torrents seeding or complete and running.
    std::int32_t torrents_seeding = 0;
    /// Torrents paused.
    std::int32_t torrents_paused = 0;
    /// Torrents checking files or resume data.
    std::int32_t torrents_checking = 0;
    /// Torrents stopped by an error.
    std::int32_t torrents_error = 0;
};

/// Download and upload rate limits in bytes per second; 0 means unlimited.
struct rate_limits {
    /// Download limit, bytes per second, 0 = unlimited.
    std::int64_t download = 0;
    /// Upload limit, bytes per second, 0 = unlimited.
    std::int64_t upload = 0;
};

/// Where to move a torrent in the download/seed queue.
enum class queue_move : std::int32_t {
    /// One place towards the front.
    up = 0,
    /// One place towards the back.
    down = 1,
    /// To the front.
    top = 2,
    /// To the back.
    bottom = 3,
};

} // namespace pico::sdk
