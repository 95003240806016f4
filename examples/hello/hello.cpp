// hello: the smallest useful plugin. It greets the host, then logs each torrent added and
// each one that finishes. Build and load it as docs/getting-started.md shows.
#include <picotorrent/sdk/sdk.hpp>

namespace sdk = pico::sdk;

namespace {

class hello final : public sdk::plugin {
  public:
    void start(sdk::host& host) override
    {
        host.log(sdk::log_level::info, "hello from PicoTorrent " + host.host_version());
        // A subscription lasts as long as the object it returns: keep it.
        m_added = sdk::subscribe<sdk::torrent_added_event>(host, [&host](auto const& e) {
            host.log(sdk::log_level::info, "added \"" + e.torrent.name + "\"");
        });
        m_finished = sdk::subscribe<sdk::torrent_finished_event>(host, [&host](auto const& e) {
            host.log(sdk::log_level::info, "finished \"" + e.torrent.name + "\"");
        });
    }

    void stop() override
    {
        m_added.reset();
        m_finished.reset();
    }

  private:
    sdk::subscription m_added;
    sdk::subscription m_finished;
};

} // namespace

PICO_DECLARE_PLUGIN_TYPE(hello)
