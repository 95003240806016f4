// An object that does not implement the interface cannot be published as it: this must not compile.
// expect: must implement the service interface
#include <memory>
#include <picotorrent/sdk/host.hpp>

struct greeter {
    static constexpr char const* service_name = "greeter";
    static constexpr std::uint32_t service_version = 1;
    virtual ~greeter() = default;
};
struct unrelated {};

pico::sdk::subscription publish_it(pico::sdk::host& h)
{
    return pico::sdk::publish_service<greeter>(h, std::make_shared<unrelated>());
}
