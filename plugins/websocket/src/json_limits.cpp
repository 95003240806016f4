#include "json_limits.hpp"

namespace pico::websocket {

namespace {

struct too_deep {};

} // namespace

nlohmann::json parse_limited(std::string_view text, std::size_t max_depth)
{
    // The parser itself is iterative; stopping at the first too-deep value means nothing deep is
    // ever built, so nothing later can recurse on it.
    auto guard = [max_depth](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > static_cast<int>(max_depth))
            throw too_deep{};
        return true;
    };
    try {
        return nlohmann::json::parse(text, guard, /*allow_exceptions=*/false);
    } catch (too_deep const&) {
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
}

} // namespace pico::websocket
