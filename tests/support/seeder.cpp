#include "support/seeder.hpp"

#include "support/loopback.hpp"
#include "support/wait.hpp"

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/ip_filter.hpp>
#include <libtorrent/torrent_flags.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>
#include <stdexcept>

namespace pico::test_support {

seeder::seeder(std::filesystem::path const& torrent_file, std::filesystem::path const& save_path,
               seeder_options options)
{
    auto settings = loopback_settings();
    settings.set_int(lt::settings_pack::upload_rate_limit, options.upload_rate_limit);
    m_session = std::make_unique<lt::session>(lt::session_params(std::move(settings)));
    if (options.upload_rate_limit > 0) {
        // libtorrent puts loopback peers in the unlimited "local" class; move them to the global
        // class so the limit applies to them too.
        auto filter = m_session->get_peer_class_filter();
        filter.add_rule(lt::make_address("127.0.0.0"), lt::make_address("127.255.255.255"),
                        1u << static_cast<std::uint32_t>(lt::session::global_peer_class_id));
        m_session->set_peer_class_filter(filter);
    }

    lt::add_torrent_params atp;
    atp.ti = std::make_shared<lt::torrent_info>(torrent_file.string());
    atp.save_path = save_path.string();
    atp.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
    if (options.seed_mode)
        atp.flags |= lt::torrent_flags::seed_mode;
    m_handle = m_session->add_torrent(std::move(atp));

    std::string problem;
    bool const ready = wait_until(
        [&] {
            m_port = m_session->listen_port();
            auto const st = m_handle.status();
            if (st.errc) {
                problem = "torrent error: " + st.errc.message();
                return true;
            }
            bool const checked =
                st.state == lt::torrent_status::downloading || st.state == lt::torrent_status::finished;
            if (checked && !st.is_seeding) {
                problem = "the data in " + save_path.string() + " does not match " + torrent_file.string() +
                          " (" + std::to_string(st.total_done) + " of " + std::to_string(st.total) +
                          " bytes verified)";
                return true;
            }
            return st.is_seeding && m_port != 0;
        },
        options.start_timeout);
    if (!ready)
        problem = "not seeding and listening after " + std::to_string(options.start_timeout.count()) + " s";
    if (!problem.empty())
        throw std::runtime_error("seeder: " + problem);
}

seeder::~seeder() = default;

std::string seeder::endpoint() const
{
    return "127.0.0.1:" + std::to_string(m_port);
}

std::int64_t seeder::uploaded() const
{
    return m_handle.status().total_payload_upload;
}

} // namespace pico::test_support
