// ratio_limit: pauses every torrent whose share ratio reaches a limit.
//
// Shows a plugin reading its own config section and acting on torrents_updated.
// PicoTorrent.json:   "ratio_limit": { "ratio": 2.0 }
#include <nlohmann/json.hpp>
#include <picotorrent/sdk/sdk.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace sdk = pico::sdk;

namespace {

// "2" and "1.5" rather than std::to_string's "2.000000".
std::string text(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

class ratio_limit final : public sdk::plugin {
  public:
    void start(sdk::host& h) override
    {
        m_host = &h;
        // config_section() is "null" when the file has no "ratio_limit" key.
        auto const section = nlohmann::json::parse(h.config_section());
        if (section.is_object() && section.contains("ratio")) {
            auto const& ratio = section.at("ratio");
            // Throwing from start() refuses the plugin with this message; the host goes on.
            if (!ratio.is_number() || ratio.get<double>() <= 0)
                throw std::runtime_error("ratio_limit.ratio must be a number greater than 0");
            m_limit = ratio.get<double>();
        }
        h.log(sdk::log_level::info, "pausing torrents at ratio " + text(m_limit));

        // torrents_updated carries only the torrents that changed, about once a second.
        m_updated = sdk::subscribe<sdk::torrents_updated_event>(h, [this](auto const& e) {
            for (auto const& t : e.torrents) {
                if (t.paused || t.ratio < m_limit)
                    continue;
                if (m_host->pause_torrent(t.info_hash))
                    m_host->log(sdk::log_level::info,
                                "paused \"" + t.name + "\" (" + t.info_hash + ") at ratio " + text(t.ratio));
            }
        });
    }

    void stop() override { m_updated.reset(); }

  private:
    sdk::host* m_host = nullptr;
    double m_limit = 2.0;
    sdk::subscription m_updated;
};

} // namespace

PICO_DECLARE_PLUGIN("ratio_limit", ratio_limit)
