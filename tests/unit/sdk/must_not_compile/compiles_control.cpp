// The control for the must-not-compile cases: the same calls, used correctly, compile.
#include <memory>
#include <picotorrent/sdk/host.hpp>

struct greeter {
    static constexpr char const* service_name = "greeter";
    static constexpr std::uint32_t service_version = 1;
    virtual ~greeter() = default;
};
struct other_base {
    virtual ~other_base() = default;
};
struct greeter_impl : other_base, greeter {};

pico::sdk::subscription use_correctly(pico::sdk::host& h)
{
    auto sub = pico::sdk::subscribe<pico::sdk::torrent_added_event>(h, [](auto const&) {});
    if (auto const st = h.apply_settings({{"enable_dht", false}}); !st.ok)
        return sub;
    if (auto const added = h.add_torrent({}); !added.ok)
        return sub;
    auto found = pico::sdk::find_service<greeter>(h);
    (void)found;
    return pico::sdk::publish_service<greeter>(h, std::make_shared<greeter_impl>());
}
