// Plain data that describes torrents. Owned copies: safe to keep after a callback returns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pico::sdk {

/// The reference torrent object's status codes, -1..15 (see docs/events.md for the mapping).
enum class status_code : std::int32_t {
    /// The host could not classify the torrent's state.
    unknown = -1,
    /// Checking resume data at start-up.
    checking_resume_data = 0,
    /// Every wanted file is done and the torrent is not seeding the whole payload.
    complete = 1,
    /// Downloading, with data flowing.
    downloading = 2,
    /// Downloading, but files are being hash-checked.
    downloading_checking = 3,
    /// Downloading outside the queue (not auto-managed).
    downloading_forced = 4,
    /// Fetching the info dictionary from peers (magnet links).
    downloading_metadata = 5,
    /// Paused by the user before it completed.
    downloading_paused = 6,
    /// Waiting in the download queue.
    downloading_queued = 7,
    /// Downloading, but no data is flowing.
    downloading_stalled = 8,
    /// Stopped by an error; see torrent_snapshot::error.
    error = 9,
    /// Seeding, with data flowing.
    uploading = 10,
    /// Seeding, but files are being hash-checked.
    uploading_checking = 11,
    /// Seeding outside the queue (not auto-managed).
    uploading_forced = 12,
    /// Paused by the user after it completed.
    uploading_paused = 13,
    /// Waiting in the seeding queue.
    uploading_queued = 14,
    /// Seeding, but no data is flowing.
    uploading_stalled = 15,
};

/// What the torrent is doing, independent of paused/queued flags.
enum class torrent_state : std::int32_t {
    /// Verifying data already on disk.
    checking_files = 1,
    /// Fetching metadata for a magnet link.
    downloading_metadata = 2,
    /// Downloading pieces.
    downloading = 3,
    /// Every wanted piece is downloaded, some are not (partial seed).
    finished = 4,
    /// Every piece is downloaded.
    seeding = 5,
    /// Checking fast-resume data.
    checking_resume_data = 7,
    /// The host could not tell.
    unknown = 0,
};

/// A point-in-time copy of one torrent's status.
struct torrent_snapshot {
    /// Lowercase hex: the v1 hash (40 chars) for v1 and hybrid torrents, the v2 hash (64 chars) for v2-only.
    std::string info_hash;
    /// Lowercase hex v2 hash (64 chars), empty for v1-only torrents.
    std::string info_hash_v2;
    /// Torrent name (the magnet's display name until metadata arrives).
    std::string name;
    /// Position in the queue, -1 when not queued (seeding or not auto-managed).
    std::int32_t queue_position = -1;
    /// Total size of the payload in bytes (0 until metadata is known).
    std::int64_t size = 0;
    /// Progress of the current operation, 0.0..1.0.
    double progress = 0.0;
    /// Reference status code, -1..15.
    status_code status = status_code::unknown;
    /// Seconds until the current operation finishes, -1 when unknown.
    std::int64_t eta = -1;
    /// Payload download rate, bytes per second.
    std::int64_t download_rate = 0;
    /// Payload upload rate, bytes per second.
    std::int64_t upload_rate = 0;
    /// Connected peers that are seeds.
    std::int32_t seeds_connected = 0;
    /// Seeds in the swarm as reported by trackers, or connected seeds when unknown.
    std::int32_t seeds_total = 0;
    /// Connected peers that are not seeds.
    std::int32_t nonseeds_connected = 0;
    /// Non-seeds in the swarm as reported by trackers, or connected ones when unknown.
    std::int32_t nonseeds_total = 0;
    /// Directory the payload is saved in.
    std::string save_path;
    /// All-time uploaded bytes divided by all-time downloaded bytes (0 when nothing downloaded).
    double ratio = 0.0;
    /// Error text, empty when the torrent has no error.
    std::string error;
    /// When the torrent was first added, seconds since the Unix epoch.
    std::int64_t added_time = 0;
    /// What the torrent is doing.
    torrent_state state = torrent_state::unknown;
    /// True when paused (by the user or by the queue).
    bool paused = false;
    /// True when queueing decides whether it runs.
    bool auto_managed = false;
    /// True once the info dictionary is known.
    bool has_metadata = false;
    /// Verified bytes of wanted files.
    std::int64_t total_wanted_done = 0;
    /// Bytes of wanted files.
    std::int64_t total_wanted = 0;
    /// All-time payload bytes downloaded.
    std::int64_t all_time_download = 0;
    /// All-time payload bytes uploaded.
    std::int64_t all_time_upload = 0;
};

/// One file of a torrent.
struct file_entry {
    /// Index in the torrent's file list.
    std::int32_t index = 0;
    /// Path inside the torrent, '/'-separated, starting with the torrent's root folder for multi-file
    /// torrents.
    std::string path;
    /// Size in bytes.
    std::int64_t size = 0;
    /// Download priority 0 (skip) .. 7 (top); 4 is the default.
    std::uint8_t priority = 4;
};

/// Priority value that means "do not download this file".
inline constexpr std::uint8_t dont_download = 0;
/// Default download priority.
inline constexpr std::uint8_t default_priority = 4;
/// Highest download priority.
inline constexpr std::uint8_t top_priority = 7;

} // namespace pico::sdk
