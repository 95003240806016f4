#include "app/torrent_log.hpp"

#include "cli/echo.hpp"

#include <picotorrent/sdk/events.hpp>

namespace pico::app {
namespace {

// Names come from torrents and magnets: escaped, so one event stays one log line.
std::string describe(sdk::torrent_snapshot const& t)
{
    return (t.name.empty() ? std::string("(no metadata yet)") : cli::echo(t.name, 200)) + " " + t.info_hash;
}

} // namespace

std::vector<sdk::subscription> log_torrent_lifecycle(core::application& app)
{
    std::vector<sdk::subscription> subs;
    auto& log = app.log();
    subs.push_back(
        app.events().subscribe("host", sdk::event_type::torrent_added, [&log](sdk::event const& e) {
            auto const& added = static_cast<sdk::torrent_added_event const&>(e);
            log.write(sdk::log_level::info, "torrents",
                      std::string(added.restored ? "restored " : "added ") + describe(added.torrent));
        }));
    subs.push_back(
        app.events().subscribe("host", sdk::event_type::torrent_finished, [&log](sdk::event const& e) {
            log.write(sdk::log_level::info, "torrents",
                      "finished " + describe(static_cast<sdk::torrent_finished_event const&>(e).torrent));
        }));
    subs.push_back(
        app.events().subscribe("host", sdk::event_type::torrent_error, [&log](sdk::event const& e) {
            auto const& failed = static_cast<sdk::torrent_error_event const&>(e);
            log.write(sdk::log_level::error, "torrents",
                      "failed " + describe(failed.torrent) + ": " + cli::echo(failed.message, 300));
        }));
    return subs;
}

} // namespace pico::app
