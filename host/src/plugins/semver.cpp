#include "plugins/semver.hpp"

#include <picotorrent/sdk/semver.hpp>

namespace pico::plugins {

std::optional<sdk::semantic_version> parse_sdk_version(std::string_view text)
{
    // An SDK version is a release: no pre-release part, no build metadata.
    if (text.find_first_of("-+") != std::string_view::npos)
        return std::nullopt;
    auto const v = sdk::parse_semver(text);
    if (!v || v->major > 0xffu || v->minor > 0xfffu || v->patch > 0xfffu)
        return std::nullopt;
    return sdk::semantic_version{static_cast<std::uint32_t>(v->major), static_cast<std::uint32_t>(v->minor),
                                 static_cast<std::uint32_t>(v->patch)};
}

std::string to_string(sdk::semantic_version const& v)
{
    return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

std::uint32_t pack(sdk::semantic_version const& v)
{
    return PICO_MAKE_SEMANTIC_VERSION(v.major, v.minor, v.patch);
}

} // namespace pico::plugins
