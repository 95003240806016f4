#include "config/throughput_profile.hpp"

#include <libtorrent/mmap_disk_io.hpp>
#include <libtorrent/posix_disk_io.hpp>

namespace pico::config {
namespace {

using sp = lt::settings_pack;
constexpr int mib = 1 << 20;

// `picotorrent download`: one torrent, usually one or a few fast peers, for minutes. Measured
// against a tuned libtorrent on loopback (bench/RESULTS.md).
void tune_download(lt::settings_pack& pack)
{
    // Received blocks waiting for the disk, session-wide; when full, libtorrent stops reading
    // the sockets. 1 MiB (the default) is a few milliseconds at loopback speed: a disk hiccup
    // would stall the transfer. Memory is used only while the disk lags.
    pack.set_int(sp::max_queued_disk_bytes, 32 * mib);
    // The receive buffer of one peer may grow this far: one fast peer delivers many blocks per
    // read (default 2 MiB). Grows only for a peer that fills it.
    pack.set_int(sp::max_peer_recv_buffer_size, 16 * mib);
    // Pieces are hashed beside the network thread, and a rerun's resume check on two threads.
    pack.set_int(sp::hashing_threads, 2);
}

// `picotorrent run` (and `gui`): a long-running client on a real network, up to
// connections_limit (200) peers over many torrents. Only what is bounded per session, or
// costs nothing unless used: per-peer buffers stay at libtorrent's defaults, because their
// worst case is multiplied by 200 peers, and socket buffers stay with the kernel's
// autotuning, which a fixed size would switch off for every connection on a real network.
void tune_run(lt::settings_pack& pack)
{
    // Session-wide, so at most 8 MiB however many peers there are (default 1 MiB): a fast
    // LAN peer or an SSD hiccup no longer stalls every connection's reading.
    pack.set_int(sp::max_queued_disk_bytes, 8 * mib);
    // CPU only while a piece completes or a torrent is checked; a second core is then used.
    pack.set_int(sp::hashing_threads, 2);
}

} // namespace

session_role role_for_mode(std::string_view mode)
{
    if (mode == "download")
        return session_role::download;
    if (mode == "seed")
        return session_role::seed;
    return session_role::run;
}

void apply_throughput_profile(lt::settings_pack& pack, session_role role)
{
    switch (role) {
    case session_role::download:
        tune_download(pack);
        break;
    case session_role::seed:
        // Nothing: libtorrent's defaults seeded as fast as the tuned libtorrent seeder (with
        // high_performance_seed()'s send buffers) on loopback, and its larger send buffers were
        // no faster for ours either (bench/RESULTS.md).
        break;
    case session_role::run:
        tune_run(pack);
        break;
    }
}

disk_io_backend auto_disk_io(session_role role)
{
    // Measured per mode (bench/RESULTS.md). Downloading, pread/pwrite was slower in every run
    // (0.66-0.97x of mmap). Seeding, it was as fast or faster in 4 of 5 runs (0.99-1.14x; one
    // 2-round run at load 7 had 0.66x) and always used 7-25% less CPU per GB. Seed stays on mmap
    // until transmission_leecher, which failed 2 of 8 runs with posix, is known not to care.
    switch (role) {
    case session_role::download:
        return disk_io_backend::mmap;
    case session_role::seed:
        return disk_io_backend::mmap;
    case session_role::run:
        break;
    }
    // A long-running client both downloads and seeds: libtorrent 2.0's default.
    return disk_io_backend::mmap;
}

disk_io_backend disk_io_for(nlohmann::json const& document, session_role role)
{
    if (auto const session = document.find("session"); session != document.end() && session->is_object()) {
        if (auto const it = session->find("disk_io"); it != session->end() && it->is_string()) {
            if (*it == "mmap")
                return disk_io_backend::mmap;
            if (*it == "posix")
                return disk_io_backend::posix;
        }
    }
    return auto_disk_io(role);
}

lt::disk_io_constructor_type disk_io_constructor(disk_io_backend backend)
{
    return backend == disk_io_backend::posix ? lt::disk_io_constructor_type(lt::posix_disk_io_constructor)
                                             : lt::disk_io_constructor_type(lt::mmap_disk_io_constructor);
}

} // namespace pico::config
