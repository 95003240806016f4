#include "upload_log.hpp"

#include <libtorrent/alert_types.hpp>
#include <libtorrent/settings_pack.hpp>
#include <sstream>

namespace pico::soak {

upload_log::upload_log(lt::session& ses) : m_ses(ses)
{
    lt::settings_pack pack;
    pack.set_int(lt::settings_pack::alert_mask, static_cast<int>(static_cast<std::uint32_t>(
                                                    lt::alert_category::upload | lt::alert_category::error)));
    // A whole payload's blocks may queue up between two reads.
    pack.set_int(lt::settings_pack::alert_queue_size, 1 << 20);
    m_ses.apply_settings(pack);
    m_thread = std::thread([this] { loop(); });
}

upload_log::~upload_log()
{
    m_stop = true;
    m_thread.join();
}

void upload_log::begin_run(int run)
{
    drain();
    m_run = run;
}

void upload_log::loop()
{
    while (!m_stop) {
        m_ses.wait_for_alert(std::chrono::milliseconds(50));
        drain();
    }
}

void upload_log::drain()
{
    std::lock_guard lock(m_mutex);
    std::vector<lt::alert*> alerts;
    m_ses.pop_alerts(&alerts);
    for (auto const* a : alerts) {
        auto const* up = lt::alert_cast<lt::block_uploaded_alert>(a);
        if (!up)
            continue;
        std::ostringstream peer;
        peer << up->endpoint;
        auto const [it, fresh] = m_run_of_peer.emplace(peer.str(), m_run.load());
        if (!m_blocks[it->second].emplace(static_cast<int>(up->piece_index), up->block_index).second)
            ++m_repeats[it->second];
    }
}

std::vector<block_id> upload_log::blocks_of(int run)
{
    drain();
    std::lock_guard lock(m_mutex);
    auto const& s = m_blocks[run];
    return {s.begin(), s.end()};
}

int upload_log::repeats_of(int run)
{
    drain();
    std::lock_guard lock(m_mutex);
    return m_repeats[run];
}

} // namespace pico::soak
