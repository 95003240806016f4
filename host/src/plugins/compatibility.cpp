#include "plugins/compatibility.hpp"

#include "plugins/semver.hpp"

namespace pico::plugins {

std::string host_sdk_version()
{
    return to_string(sdk::semantic_version::unpack(PICO_SDK_VERSION));
}

std::string host_abi_fingerprint()
{
    return PICO_SDK_ABI_FINGERPRINT;
}

std::string check_compatibility(sdk::plugin_descriptor const& d, manifest const& m)
{
    auto const host = sdk::semantic_version::unpack(PICO_SDK_VERSION);
    auto const built = sdk::semantic_version::unpack(d.sdk_version);
    std::string const built_s = to_string(built);
    std::string const offers = "host offers " + host_sdk_version();

    if (built.major != host.major)
        return "built against SDK " + built_s + ", " + offers + " (major versions differ)";
    if (built.minor > host.minor)
        return "built against SDK " + built_s + ", " + offers + " (the plugin needs a newer host)";
    if (d.struct_size < min_descriptor_size)
        return "descriptor is " + std::to_string(d.struct_size) + " bytes, SDK " + built_s +
               " needs at least " + std::to_string(min_descriptor_size) + " (built against SDK " + built_s +
               ", " + offers + ")";
    if (d.abi_fingerprint == nullptr || host_abi_fingerprint() != d.abi_fingerprint)
        return std::string("built with ABI fingerprint '") +
               (d.abi_fingerprint ? d.abi_fingerprint : "(none)") + "', host offers '" +
               host_abi_fingerprint() + "' (SDK " + built_s + ", host " + host_sdk_version() + ")";
    auto const declared = parse_sdk_version(m.sdk_version);
    if (!declared || pack(*declared) != d.sdk_version)
        return "manifest says SDK " + m.sdk_version + " but the library was built against SDK " + built_s +
               " (" + offers + ")";
    return {};
}

} // namespace pico::plugins
